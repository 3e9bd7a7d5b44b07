import ArgumentParser
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Gazette
import GazetteBatch
import GazetteWeb

struct Batch: ParsableCommand {
    static let examples = """
        Examples:
          gazette batch news.tar.gz --output out/          every article of a tarball
          gazette batch corpus/ dump.jsonl.gz crawl.warc.gz -o out --compress
          gazette batch big.zip -o out --jobs 2 --unordered --max-errors 100
        """

    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Annotate archives, folders, JSON Lines and WARC files on all cores; resumable.",
        discussion: """
        INPUTs: folders (walked recursively), .tar, .tar.gz/.tgz, .tar.bz2, .tar.xz, .tar.zst, .tar.lz4, .tar.Z, \
        .tar.lzma, .zip, .zipx, .jsonl(.gz) and WARC/ARC (.warc, .warc.gz, .arc, .arc.gz); a file named without a \
        known extension is recognised by its first bytes (7z, RAR and lzop files become an error record). Name each \
        input once. Documents are .txt, .md, .json, .jsonl and .html/.htm files, \
        and their .gz forms; in WARC/ARC files, response records with HTML or text bodies. Web pages are decoded as \
        browsers do and reduced to their article (--html whole keeps all their text), with "title", "published", \
        "authors", "canonical_url" and "site_name" when the page gives them. Each record gets "source" (the archive, \
        file or folder) and "member" (the name inside it), or "line" (JSON Lines), or "url" and "date" (WARC, ARC); \
        "language" and "language_confidence"; and, for web pages and text files, "text": the text the offsets index \
        (--no-text leaves it out).

        Output: JSON Lines shards part-NNNNNN.jsonl[.gz] in OUT, and OUT/manifest.jsonl recording what is done; \
        a folder holding part-* files or a manifest.jsonl that this batch did not write is refused (nothing is \
        ever written over). \
        Stop it at any moment (Ctrl-C, kill, even kill -9 or a crash) and run the same command again: it continues \
        where it stopped, and every document ends up in exactly one shard. Exit status: 0 when every document was \
        annotated, 1 when some became error records (or --max-errors stopped the run), 2 when the batch could not \
        run, 130/143 when interrupted.

        \(examples)
        """
    )

    @Argument(help: "Folders, archives, JSON Lines and WARC files to annotate.")
    var inputs: [String]

    @Option(name: [.short, .long], help: "Folder for the output shards and manifest (created if needed).")
    var output: String

    @Option(help: "Annotating threads (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Write records as soon as they are done instead of in input order.")
    var unordered = false

    @Flag(help: "gzip the output shards (.jsonl.gz).")
    var compress = false

    @Flag(help: "Show the progress line even when standard error is not a terminal.")
    var progress = false

    @Option(name: .customLong("max-errors"), help: "Stop after more than N documents failed.")
    var maxErrors: Int?

    @Option(name: .customLong("max-document-bytes"), help: "Larger documents become error records (K, M, G suffixes).")
    var maxDocumentBytes: ByteSize = ByteSize(8 << 20)

    @Option(name: .customLong("shard-size"), help: "Start a new shard after this many bytes of records (K, M, G suffixes).")
    var shardSize: ByteSize = ByteSize(128 << 20)

    @Option(name: .customLong("commit-interval"), help: "Seconds after which a shard is committed however small (bounds the work a kill loses).")
    var commitInterval = 30.0

    @Flag(help: "Discard what OUT holds of an earlier, different batch and start over.")
    var restart = false

    @Flag(name: .customLong("no-text"), help: "Leave out the \"text\" field that records of web pages and text files carry (the text the offsets index).")
    var noText = false

    @OptionGroup var inputOptions: InputOptions

    @OptionGroup var outputOptions: OutputOptions

    @OptionGroup var annotationOptions: AnnotationOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard maxDocumentBytes.bytes >= 1 else { throw ValidationError("--max-document-bytes must be at least 1") }
        guard shardSize.bytes >= 1 else { throw ValidationError("--shard-size must be at least 1") }
        guard commitInterval > 0 else { throw ValidationError("--commit-interval must be positive") }
        if let maxErrors, maxErrors < 0 { throw ValidationError("--max-errors must not be negative") }
    }

    func run() throws {
        var annotator = try annotationOptions.recordAnnotator(input: inputOptions, output: outputOptions)
        annotator.languagePolicy = annotationOptions.languagePolicy
        annotator.textEmission = noText ? .never : .unlessJSON
        var options = BatchRunner.Options()
        options.documents = inputOptions.documents
        options.jobs = jobs
        options.ordered = !unordered
        options.maxDocumentBytes = maxDocumentBytes.bytes
        options.maxErrors = maxErrors
        let runner = BatchRunner(inputs: inputs, annotator: annotator, options: options)
        runner.excluded = [output]

        var settings = ShardDirectory.Settings(compress: compress)
        settings.shardBytes = shardSize.bytes
        settings.commitInterval = commitInterval
        // What shapes the output names the batch: resuming with other settings would mix two kinds of records.
        // (The stamp covers the resources and models; --topics and --explain are named only when not the default, so
        // that batches started before these options existed still resume.)
        var described = [
            "compress": String(compress), "offsets": outputOptions.offsets.rawValue, "text-field": inputOptions.textField,
            "max-document-bytes": String(maxDocumentBytes.bytes), "gazette": annotator.pipeline.stamp,
        ]
        if annotationOptions.topics != AnnotationOptions.defaultTopics { described["topics"] = String(annotationOptions.topics) }
        if annotationOptions.explain { described["explain"] = "true" }
        if inputOptions.html != .article { described["html"] = inputOptions.html.rawValue }
        if noText { described["text"] = "false" }
        if annotationOptions.languages != nil { described["languages"] = annotationOptions.languageCodes.joined(separator: ",") }
        let batch = BatchRunner.describe(inputs: inputs, settings: described)
        let summary: BatchSummary
        let sink: ShardDirectory
        let interruption = Interruption(runner: runner)
        do {
            // Missing or twice-named inputs stop the run before the output folder is created or touched.
            try runner.checkInputs()
            sink = try ShardDirectory(path: output, batch: batch, settings: settings, restart: restart)
            let line = ProgressLine(enabled: progress || standardErrorIsTerminal)
            var report: (@Sendable (BatchProgress) -> Void)?
            if line.enabled { report = { line.show($0) } }
            summary = try runner.run(into: sink, progress: report)
            line.clear()
        } catch {
            printError("gazette batch: \(error)")
            throw ExitCode(2)
        }
        printError(Self.describe(summary, sink: sink))
        if let signal = interruption.signal { throw ExitCode(128 + signal) }
        if summary.failed > 0 || summary.abortedByErrors { throw ExitCode(1) }
    }

    static func describe(_ summary: BatchSummary, sink: ShardDirectory) -> String {
        if summary.alreadyComplete {
            return "gazette batch: already complete: \(count(sink.committedDocuments, "document")) (\(sink.committedFailures) failed) in \(sink.path)"
        }
        let seconds = max(summary.seconds, 0.001)
        var parts = ["\(count(summary.documents, "document")) (\(summary.failed) failed) in \(String(cFormat: "%.1f", summary.seconds)) s",
                     "\(Int(Double(summary.documents) / seconds)) docs/s",
                     // Documents' bytes, decompressed: the work done, whatever the compression of the input files.
                     String(cFormat: "%.1f MB/s of documents (%.1f MB decompressed from %.1f MB of input files)",
                            Double(summary.documentBytes) / 1e6 / seconds, Double(summary.documentBytes) / 1e6,
                            Double(summary.inputBytes) / 1e6)]
        if summary.alreadyDone > 0 { parts.append("\(summary.alreadyDone) done by an earlier run") }
        if summary.unsupported > 0 {
            parts.append("\(count(summary.unsupported, "file")) skipped as not documents (e.g. \(summary.unsupportedExamples.joined(separator: ", ")))")
        }
        if summary.webRecords.records > 0 { parts.append(summary.webRecords.summary) }
        let state: String
        if summary.abortedByErrors {
            state = "stopped: more than --max-errors documents failed"
        } else if summary.cancelled {
            state = "interrupted; run the same command again to continue"
        } else {
            state = "complete"
        }
        return "gazette batch: " + parts.joined(separator: ", ")
            + "; \(state): \(count(sink.committedDocuments, "document")) in \(count(sink.shards.count, "shard")) in \(sink.path)"
    }

    private static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}

/// A byte count given as 1234, 64K, 8M or 1G.
struct ByteSize: ExpressibleByArgument {
    var bytes: Int

    init(_ bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        var text = argument.uppercased()
        var unit = 1
        if text.hasSuffix("B") { text.removeLast() }
        switch text.last {
        case "K": unit = 1 << 10
        case "M": unit = 1 << 20
        case "G": unit = 1 << 30
        default: break
        }
        if unit > 1 { text.removeLast() }
        guard let value = Int(text), value >= 0 else { return nil }
        bytes = value * unit
    }

    var defaultValueDescription: String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20)M" : bytes % (1 << 10) == 0 ? "\(bytes >> 10)K" : String(bytes)
    }
}
