import ArgumentParser
import Gazette
import GazetteBatch
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
        commandName: "annotate",
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

    @Option(name: .customLong("max-document-bytes"), help: "Larger documents (a whole input, or one line) become error records (GZ108), read past without being kept (K, M, G suffixes).")
    var maxDocumentBytes = ByteSize(BatchRunner.Options().maxDocumentBytes)

    @OptionGroup var annotationOptions: AnnotationOptions

    static let batchLimit = 64
    static let batchByteLimit = 1 << 18

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard maxDocumentBytes.bytes >= 1 else { throw ValidationError("--max-document-bytes must be at least 1") }
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
        let limit = maxDocumentBytes.bytes
        // Records go to the workers in small batches: one hand-over per batch instead of per record keeps the
        // threads busy rather than waking each other. A batch is cut as soon as no further line is already buffered,
        // so a slow stream still gets each record's output right away.
        let runner = jobs > 1
            ? ParallelRunner<[InputRecord], [OutputRecord]>(
                jobs: jobs, work: { $0.map(annotator.annotate) },
                emit: { outputs, moreReady in
                    for output in outputs {
                        failures.note(output)
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
                    if case let .jsonLine(_, bytes, _) = record { batchBytes += bytes.count }
                    if case let .text(_, bytes) = record { batchBytes += bytes.count }
                    if batch.count >= Self.batchLimit || batchBytes >= Self.batchByteLimit || !reader.hasBufferedLine {
                        runner.submit(batch)
                        batch.removeAll(keepingCapacity: true)
                        batchBytes = 0
                    }
                } else {
                    let output = annotator.annotate(record)
                    failures.note(output)
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
            let id = path == "-" ? nil : path
            // A folder opens but cannot be read: an error record, as for a file that cannot be opened (`gazette
            // batch` is the command that walks folders).
            var status = stat()
            if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                let error = GazetteError(.unreadableInput, "\(path) is a folder, not a file (gazette batch reads folders)")
                printError("gazette: \(error)")
                process(.unreadable(id: id, error: error))
                continue
            }
            var format = input
            // A UTF-8 byte-order mark starts many exported files: it is not part of the first line or JSON record. It is
            // put back for a web page (its decoder reads it) and a text document (the annotator drops it).
            let byteOrderMark = reader.skipByteOrderMark()
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
            if byteOrderMark, format != .jsonl, format != .lines { reader.unread([0xEF, 0xBB, 0xBF]) }

            /// The error record of a document over the limit, named as `location` (a JSON Lines record's id is not
            /// known: none).
            func tooLarge(_ location: String, _ length: Int, id: String?) -> InputRecord {
                .unreadable(id: id, error: GazetteError(.documentTooLarge, "\(location): \(length) bytes, more than \(limit) (--max-document-bytes)"))
            }
            switch format {
            case .text, .auto, .html:
                let whole = reader.readAll(limit: limit)
                if let failure = source.failure {
                    // Part of a document is not the document: an error record rather than an annotation of a fragment.
                    process(.unreadable(id: id, error: GazetteError(.unreadableInput, "error reading \(name): \(failure)")))
                    printError("gazette: error reading \(name): \(failure)")
                    continue
                }
                switch whole {
                case let .tooLong(length):
                    process(tooLarge(name, length, id: id))
                case let .line(bytes) where format == .html:
                    switch documents.document(html: bytes, id: id) {
                    case let .success(document): process(.document(document))
                    case let .failure(error): process(.unreadable(id: id, error: error))
                    }
                case let .line(bytes):
                    process(.text(id: id, bytes: bytes))
                }
            case .lines:
                while let line = reader.nextLine(limit: limit) {
                    let lineID = path == "-" ? String(reader.lineNumber) : "\(path):\(reader.lineNumber)"
                    switch line {
                    case let .line(bytes):
                        // A blank line is no document (as in JSON Lines); ids keep the line numbers.
                        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                        process(.text(id: lineID, bytes: bytes))
                    case let .tooLong(length):
                        process(tooLarge("\(name) line \(reader.lineNumber)", length, id: lineID))
                    }
                }
            case .jsonl:
                while let line = reader.nextLine(limit: limit) {
                    switch line {
                    case let .line(bytes):
                        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                        process(.jsonLine(line: reader.lineNumber, bytes: bytes, source: id))
                    case let .tooLong(length):
                        process(tooLarge("\(name) line \(reader.lineNumber)", length, id: nil))
                    }
                }
            }
            if let failure = source.failure, format == .lines || format == .jsonl {
                let error = GazetteError(.unreadableInput, "\(name): read error after line \(reader.lineNumber): \(failure)")
                printError("gazette: \(error)")
                process(.unreadable(id: id, error: error))
            }
            if let runner, !batch.isEmpty {
                runner.submit(batch)
                batch.removeAll(keepingCapacity: true)
                batchBytes = 0
            }
        }
        if let runner, !batch.isEmpty { runner.submit(batch) }
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

/// Counts failed records, and says once on standard error what most likely went wrong with JSON Lines input: records
/// without the text field (a hint naming `--text-field` and the fields seen), input fields Gazette's own replace.
/// Touched by one thread at a time (the writer thread, then the main thread after finish).
final class FailureCount: @unchecked Sendable {
    private(set) var value = 0
    private var hintedMissingText = false
    private var warnedFields: Set<String> = []

    /// Counts `output` if it failed, and writes the hints it calls for (each once).
    func note(_ output: OutputRecord) {
        if output.failed { value += 1 }
        if let error = output.error, error.code == .missingText, !hintedMissingText {
            hintedMissingText = true
            printError("gazette: \(error); name the text field with --text-field (a nested one as article.body). Said once; every such record gets a GZ102 error record.")
        }
        let unwarned = output.replacedFields.filter { !warnedFields.contains($0) }
        if !unwarned.isEmpty {
            warnedFields.formUnion(unwarned)
            let names = unwarned.map { "\"\($0)\"" }.joined(separator: ", ")
            printError("gazette: input field\(unwarned.count > 1 ? "s" : "") \(names) replaced by Gazette's own in the output (rename \(unwarned.count > 1 ? "them" : "it") in the input to keep \(unwarned.count > 1 ? "them" : "it")). Said once.")
        }
    }

    /// Counts a failure that has no output record.
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
