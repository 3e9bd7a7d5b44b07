import ArgumentParser
import Gazette
import GazetteExport
import GazetteRuntime
#if canImport(Glibc)
import Glibc
#endif

extension ExportFormat: ExpressibleByArgument {}

/// `gazette export`: gazette.doc/1 records (with their text) to CoNLL, brat, spaCy or Label Studio. Reading and
/// writing only; the formats are GazetteExport's.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write gazette.doc/1 records as CoNLL, brat, spaCy or Label Studio files.",
        discussion: """
        Reads records with their text: annotate with --emit-text, or keep the input's own text field \
        (--text-field). Offsets are read in the unit the record declares and written as the format's consumer \
        counts (characters, as Python counts a str). An entity a token-based format cannot hold is reported on \
        standard error, never dropped silently; an error record or an unreadable line is reported and skipped, and \
        the exit status is then 1.

        Examples:
          gazette --emit-text article.txt | gazette export --to spacy > docs.jsonl
          gazette --emit-text --input lines heads.txt | gazette export --to conll > heads.conll
          gazette export --to brat --output brat-docs/ annotated.jsonl     a .txt and an .ann per document
          gazette export --to label-studio --output ls/ annotated.jsonl    tasks.json and label-config.xml
        """
    )

    @Argument(help: "Files of gazette.doc/1 records; standard input when none are given or for '-'.")
    var files: [String] = []

    @Option(name: .customLong("to"), help: ArgumentHelp("The format: conll, brat, spacy or label-studio.", valueName: "format"))
    var format: ExportFormat

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("A folder to write into (made if missing; existing files are never overwritten). brat needs one; the other formats write to standard output without it.", valueName: "dir"))
    var output: String?

    @Option(name: .customLong("text-field"), help: "The record field that holds the text.")
    var textField = "text"

    @OptionGroup var resourceOptions: ResourceOptions

    func validate() throws {
        if format == .brat, output == nil { throw ValidationError("--to brat writes two files per document: give --output DIR") }
        guard !textField.isEmpty else { throw ValidationError("--text-field must not be empty") }
    }

    func run() throws {
        let segmenter: Segmenter
        do {
            var reader = ResourceReader(try resourceOptions.directory())
            segmenter = try Segmenter.standard(&reader)
        } catch {
            printError("gazette export: \(error)")
            throw ExitCode(2)
        }
        let exporter = Exporter(format: format, segmenter: segmenter)
        let recordReader = ExportRecordReader(textField: textField)
        var destination = try ExportDestination(format: format, folder: output)
        var failures = RecordFiles.forEachRecord(in: files, reader: recordReader, command: "gazette export") { record, name in
            do {
                let document = try exporter.export(record)
                for issue in document.issues { printError("gazette export: \(name) \(issue)") }
                if let problem = destination.write(document) {
                    printError("gazette export: \(name) \(record.reference): \(problem)")
                    return 1
                }
                return 0
            } catch {
                printError("gazette export: \(name) \(record.reference): \(error); skipped")
                return 1
            }
        }
        if let problem = try destination.finish() {
            printError("gazette export: \(problem)")
            failures += 1
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
