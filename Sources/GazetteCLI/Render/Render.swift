import ArgumentParser
import Gazette
import GazetteExport
import GazetteRuntime
#if canImport(Glibc)
import Glibc
#endif

/// `gazette render`: gazette.doc/1 records (with their text) as HTML pages to look at. Reading and writing only;
/// the pages are GazetteExport's `HTMLPageRenderer`'s.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Show gazette.doc/1 records as self-contained HTML pages: entities highlighted, topics as bars.",
        discussion: """
        Reads records with their text (annotate with --emit-text; --explain adds the topics' evidence words). \
        Without --output, or with --output FILE.html, writes one page holding every document; with --output DIR, \
        a folder with one page per document and an index.html. Pages load nothing from outside themselves. \
        Existing files are never overwritten. Hover over or tab to a mention to see its id, canonical name, \
        source and score; mentions of the same entity light up together. Add #focus=N to a page's address to pin \
        mention N open.

        Examples:
          gazette --emit-text --explain article.txt | gazette render > article.html
          gazette --emit-text --explain --input jsonl news.jsonl | gazette render --output pages/
        """
    )

    @Argument(help: "Files of gazette.doc/1 records; standard input when none are given or for '-'.")
    var files: [String] = []

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("A page (FILE.html) or a folder (made if missing) to write; standard output without it.", valueName: "path"))
    var output: String?

    @Option(help: "The pages' title.")
    var title = "Gazette"

    @Option(name: .customLong("text-field"), help: "The record field that holds the text.")
    var textField = "text"

    func validate() throws {
        guard !textField.isEmpty else { throw ValidationError("--text-field must not be empty") }
    }

    func run() throws {
        let renderer = HTMLPageRenderer()
        let recordReader = ExportRecordReader(textField: textField)
        let folder = output.flatMap { $0.hasSuffix(".html") || $0.hasSuffix(".htm") ? nil : $0 }
        if let folder, mkdir(folder, 0o755) != 0, errno != EEXIST {
            printError("gazette render: cannot make \(folder): \(String(cString: strerror(errno)))")
            throw ExitCode(2)
        }
        var single: [ExportRecord] = []
        var entries: [HTMLPageRenderer.IndexEntry] = []
        var usedNames: Set<String> = ["index"]
        let failures = RecordFiles.forEachRecord(in: files, reader: recordReader, command: "gazette render") { record, name in
            guard let folder else { single.append(record); return 0 }
            var base = BratExport.baseName(record), suffix = 2
            while usedNames.contains(base) { base = BratExport.baseName(record) + "-\(suffix)"; suffix += 1 }
            usedNames.insert(base)
            let page = renderer.page([record], title: "\(title): \(record.id ?? "line \(record.line)")", back: ("index.html", "All documents"))
            if let problem = Self.create("\(folder)/\(base).html", page) {
                printError("gazette render: \(name) \(record.reference): \(problem)")
                return 1
            }
            entries.append(HTMLPageRenderer.IndexEntry(record: record, href: "\(base).html"))
            return 0
        }

        let problem: String?
        if let folder {
            problem = Self.create("\(folder)/index.html", renderer.index(entries, title: title))
        } else if let output {
            problem = Self.create(output, renderer.page(single, title: title))
        } else {
            let sink = OutputSink(descriptor: 1)
            sink.write(Array(renderer.page(single, title: title).utf8))
            sink.flush()
            problem = nil
        }
        if let problem {
            printError("gazette render: \(problem)")
            throw ExitCode(2)
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// Creates `path` with `text` (never over an existing file), as `gazette export` does.
    static func create(_ path: String, _ text: String) -> String? {
        ExportDestination.create(path, Array(text.utf8))
    }
}
