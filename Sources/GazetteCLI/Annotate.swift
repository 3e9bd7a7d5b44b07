import ArgumentParser
import Gazette
import GazetteRuntime
import GazetteWeb
#if canImport(Glibc)
import Glibc
#endif

struct Annotate: ParsableCommand {
    static let examples = """
        Examples:
          gazette < article.txt                 one article in, one record out
          gazette a.txt b.txt > out.jsonl       one record per file (id = path)
          gazette --input lines < heads.txt     one record per line
          cat docs.jsonl | gazette --jobs 2     JSON Lines; other fields kept
          gazette --text-field body --offsets utf16 dump.jsonl
          gazette --input html --emit-text page.html    a web page's article, its text in the record
        """

    static let configuration = CommandConfiguration(
        abstract: "Annotate news text as JSON Lines (the default command).",
        discussion: """
        Each output line is one gazette.doc/1 record, in input order. A record that cannot be annotated still \
        gets a line, with an "error" object; the exit status is 1 if any record failed.

        \(examples)
        """
    )

    @Argument(help: "Files to read; standard input when none are given or for '-'.")
    var files: [String] = []

    @Option(help: "How input splits into documents: auto (JSON Lines if it starts with '{', a web page if it starts with '<!DOCTYPE html' or '<html', else one text), text, lines, jsonl, html (each file one web page).")
    var input: InputFormat = .auto

    @OptionGroup var inputOptions: InputOptions

    @OptionGroup var outputOptions: OutputOptions

    @Option(help: "Threads for line and JSON Lines input; output order is kept.")
    var jobs = 1

    @Flag(name: .customLong("emit-text"), help: "Write the text the offsets index into each record as \"text\" (replacing a JSON Lines input's own \"text\" field).")
    var emitText = false

    @OptionGroup var annotationOptions: AnnotationOptions

    static let batchLimit = 64
    static let batchByteLimit = 1 << 18

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var textAnnotator = try annotationOptions.recordAnnotator(input: inputOptions, output: outputOptions)
        textAnnotator.textEmission = emitText ? .always : .never
        // Languages are identified for web pages, and for every input when --languages is given: plain filter output
        // stays as it was.
        var webAnnotator = textAnnotator
        webAnnotator.languagePolicy = annotationOptions.languagePolicy
        if annotationOptions.languages != nil { textAnnotator = webAnnotator }
        let annotator = Annotator(text: textAnnotator, web: webAnnotator)
        let documents = inputOptions.documents
        let sink = OutputSink(descriptor: 1)
        let failures = FailureCount()
        // Records go to the workers in small batches: one hand-over per batch instead of per record keeps the
        // threads busy rather than waking each other. A batch is cut as soon as no further line is already buffered,
        // so a slow stream still gets each record's output right away.
        let runner = jobs > 1
            ? ParallelRunner<[InputRecord], [OutputRecord]>(
                jobs: jobs, work: { $0.map(annotator.annotate) },
                emit: { outputs, moreReady in
                    for output in outputs {
                        if output.failed { failures.add() }
                        sink.write(output.bytes)
                    }
                    if !moreReady { sink.flush() }
                })
            : nil
        var batch: [InputRecord] = []
        var batchBytes = 0

        for path in files.isEmpty ? ["-"] : files {
            let descriptor = path == "-" ? 0 : open(path, O_RDONLY)
            let source = FileDescriptorSource(descriptor: max(descriptor, 0))
            let reader = LineReader(source)

            func process(_ record: InputRecord) {
                if let runner {
                    batch.append(record)
                    if case let .jsonLine(_, bytes) = record { batchBytes += bytes.count }
                    if case let .text(_, bytes) = record { batchBytes += bytes.count }
                    if batch.count >= Self.batchLimit || batchBytes >= Self.batchByteLimit || !reader.hasBufferedLine {
                        runner.submit(batch)
                        batch.removeAll(keepingCapacity: true)
                        batchBytes = 0
                    }
                } else {
                    let output = annotator.annotate(record)
                    if output.failed { failures.add() }
                    sink.write(output.bytes)
                    if !reader.hasBufferedLine { sink.flush() }
                }
            }

            guard descriptor >= 0 else {
                let error = GazetteError(.unreadableInput, "cannot open \(path): \(String(cString: strerror(errno)))")
                printError("gazette: \(error)")
                process(.unreadable(id: path, error: error))
                continue
            }
            defer { if descriptor != 0 { close(descriptor) } }
            let name = path == "-" ? "standard input" : path
            var format = input
            if format == .auto {
                format = reader.peekFirstNonBlank() == UInt8(ascii: "{") ? .jsonl
                    : InputFormat.looksLikeHTML(reader.peek(count: 64)) ? .html : .text
                let described = switch format {
                case .jsonl: "JSON Lines"
                case .html: "one web page"
                default: "one text document"
                }
                if standardErrorIsTerminal { printError("gazette: reading \(name) as \(described) (--input auto)") }
            }

            switch format {
            case .text, .auto:
                process(.text(id: path == "-" ? nil : path, bytes: reader.readAll()))
            case .html:
                let id = path == "-" ? nil : path
                switch documents.document(html: reader.readAll(), id: id) {
                case let .success(document): process(.document(document))
                case let .failure(error): process(.unreadable(id: id, error: error))
                }
            case .lines:
                while let line = reader.nextLine() {
                    process(.text(id: path == "-" ? String(reader.lineNumber) : "\(path):\(reader.lineNumber)", bytes: line))
                }
            case .jsonl:
                while let line = reader.nextLine() {
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                    process(.jsonLine(line: reader.lineNumber, bytes: line))
                }
            }
            if let runner, !batch.isEmpty {
                runner.submit(batch)
                batch.removeAll(keepingCapacity: true)
                batchBytes = 0
            }
            if let failure = source.failure {
                printError("gazette: error reading \(name): \(failure)")
                failures.add()
            }
        }
        runner?.finish()
        sink.flush()
        if let error = sink.writeError {
            printError("gazette: cannot write output: \(String(cString: strerror(error)))")
            throw ExitCode(2)
        }
        if failures.value > 0 {
            if standardErrorIsTerminal { printError("gazette: \(failures.value) record(s) failed; see their \"error\" fields") }
            throw ExitCode(1)
        }
    }
}

/// Counts failed records. Touched by one thread at a time (the writer thread, then the main thread after finish).
final class FailureCount: @unchecked Sendable {
    private(set) var value = 0
    func add() { value += 1 }
}

/// The filter's annotators: web pages (decoded documents) get their language identified; other inputs only with
/// `--languages`.
struct Annotator: Sendable {
    let text: RecordAnnotator
    let web: RecordAnnotator

    func annotate(_ record: InputRecord) -> OutputRecord {
        if case .document = record { return web.annotate(record) }
        return text.annotate(record)
    }
}
