import ArgumentParser
import Gazette
#if canImport(Glibc)
import Glibc
#endif

extension OffsetUnit: ExpressibleByArgument {}

struct Annotate: ParsableCommand {
    static let examples = """
        Examples:
          gazette < article.txt                 one article in, one record out
          gazette a.txt b.txt > out.jsonl       one record per file (id = path)
          gazette --input lines < heads.txt     one record per line
          cat docs.jsonl | gazette --jobs 2     JSON Lines; other fields kept
          gazette --text-field body --offsets utf16 dump.jsonl
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

    @Option(help: "How input splits into documents: auto (JSON Lines if it starts with '{', else one text), text, lines, jsonl.")
    var input: InputFormat = .auto

    @Option(name: .customLong("text-field"), help: "The JSON field that holds the text (JSON Lines input).")
    var textField = "text"

    @Option(help: "Unit of output offsets: codepoint, utf16 or utf8.")
    var offsets: OffsetUnit = .codepoint

    @Option(help: "Threads for line and JSON Lines input; output order is kept.")
    var jobs = 1

    @Option(help: "Folder that holds Gazetteers/ and Models/ (default: found next to the program or via GAZETTE_RESOURCES).")
    var resources: String?

    @Option(name: .customLong("gazetteer"), help: ArgumentHelp("An extra gazetteer: a TSV list (name, label, id, aliases ...) or a spaCy EntityRuler JSONL pattern file; repeatable.", valueName: "file"))
    var gazetteers: [String] = []

    @Option(name: .customLong("topic-model"), help: ArgumentHelp("A topic model file (from gazette train topics) to use instead of the shipped one.", valueName: "file"))
    var topicModel: String?

    @Option(help: ArgumentHelp("At most this many topics per record; 0 leaves topics out.", valueName: "k"))
    var topics = 3

    @Flag(help: "List for each topic the features (words, word pairs, entities) that drove it, with their weights.")
    var explain = false

    static let batchLimit = 64
    static let batchByteLimit = 1 << 18

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard !textField.isEmpty else { throw ValidationError("--text-field must not be empty") }
        guard topics >= 0 else { throw ValidationError("--topics must not be negative") }
    }

    func run() throws {
        let pipeline: Pipeline
        do {
            var options = PipelineOptions()
            options.gazetteers = gazetteers
            if topics == 0 {
                options.topicModel = .none
            } else if let topicModel {
                options.topicModel = .file(topicModel)
            }
            options.topicLimit = topics
            options.topicEvidence = explain ? 5 : 0
            pipeline = try Pipeline.standard(resources: resources.map { ResourceDirectory(root: $0) }, options: options)
        } catch {
            printError("gazette: \(error)")
            throw ExitCode(2)
        }
        let annotator = RecordAnnotator(pipeline: pipeline, writer: JSONLWriter(offsets: offsets, stamp: pipeline.stamp), textField: textField)
        let sink = OutputSink(descriptor: 1)
        let failures = FailureCount()
        // Records go to the workers in small batches: one hand-over per batch instead of per record keeps the
        // threads busy rather than waking each other. A batch is cut as soon as no further line is already buffered,
        // so a slow stream still gets each record's output right away.
        let runner = jobs > 1
            ? OrderedParallelRunner<[InputRecord], [OutputRecord]>(
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
            let reader = LineReader(descriptor: max(descriptor, 0))

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
                format = reader.peekFirstNonBlank() == UInt8(ascii: "{") ? .jsonl : .text
                if standardErrorIsTerminal { printError("gazette: reading \(name) as \(format == .jsonl ? "JSON Lines" : "one text document") (--input auto)") }
            }

            switch format {
            case .text, .auto:
                process(.text(id: path == "-" ? nil : path, bytes: reader.readAll()))
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
            if let error = reader.readError {
                printError("gazette: error reading \(name): \(String(cString: strerror(error)))")
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
