import CGazetteBatch
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Gazette
import GazetteRuntime
import GazetteWeb
#if canImport(Glibc)
import Glibc
#endif

/// Annotates every document of a batch of inputs — directories, archives (tar, zip), JSON Lines and WARC files,
/// compressed or not — on all cores, into a `BatchSink`, resuming where an earlier run stopped.
///
/// ```swift
/// let pipeline = try Pipeline.standard()
/// let annotator = RecordAnnotator(pipeline: pipeline, writer: JSONLWriter(stamp: pipeline.stamp))
/// let runner = BatchRunner(inputs: ["news.tar.gz"], annotator: annotator)
/// let sink = try ShardDirectory(path: "out", batch: BatchRunner.describe(inputs: ["news.tar.gz"]))
/// let summary = try runner.run(into: sink) { progress in print(progress.documents) }
/// ```
///
/// One thread reads (and decompresses) the sources in a fixed order, `jobs` threads decode and annotate, and the
/// calling thread's writer hands records to the sink, in input order unless `ordered` is false.
public final class BatchRunner: @unchecked Sendable {
    /// How a batch runs.
    public struct Options: Sendable {
        /// Annotating threads.
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        /// Write records in input order (true), or as soon as each is done.
        public var ordered = true
        /// A document (or JSON line, or HTTP body) larger than this becomes an error record.
        public var maxDocumentBytes = 8 << 20
        /// Stop after this many failed documents (nil: never).
        public var maxErrors: Int?
        /// Seconds between progress reports.
        public var progressInterval = 0.5
        /// How web pages and text files become documents (the article of each page by default).
        public var documents = WebDocumentBuilder()

        /// The defaults: a thread per core, input order, documents up to 8 MiB, no error limit, reports every 0.5 s.
        public init() {}
    }

    /// The files and folders to read, in order.
    public let inputs: [String]
    /// Turns each document into its output record.
    public let annotator: RecordAnnotator
    /// How the batch runs.
    public let options: Options
    /// Folders never read (the output folder, when it lies inside an input folder).
    public var excluded: [String] = []

    // Shared between the reader, the writer and the progress threads; guarded by `lock`.
    private let lock = MonitorLock()
    private var cancelled = false
    private var counters = BatchProgress()
    private var writeError: (any Error)?
    private var abortedByErrors = false

    /// A runner that annotates the documents of `inputs` with `annotator`.
    public init(inputs: [String], annotator: RecordAnnotator, options: Options = Options()) {
        self.inputs = inputs
        self.annotator = annotator
        self.options = options
    }

    /// Asks a running batch to stop soon: no new documents are read, those in flight are finished and written, and
    /// the sink is made durable. Safe to call from any thread (a signal handler's queue, say).
    public func cancel() {
        lock.withLock { cancelled = true }
    }

    private var isCancelled: Bool { lock.withLock { cancelled } }

    /// Checks the inputs before anything is read or written: each must exist (`GZ401`), and none may be named twice
    /// (`GZ406`): not the same path twice, not one file or folder by two paths (symbolic links resolved), not a file
    /// or folder inside a folder also named. `run(into:progress:)` checks them too; a caller that creates its output
    /// first should call this before.
    public func checkInputs() throws(BatchError) {
        var resolved: [(input: String, real: String, isDirectory: Bool)] = []
        for input in inputs {
            guard let status = SourceEnumerator.status(input) else { throw BatchError(.inputMissing, "no such file or folder: \(input)") }
            let real = SourceEnumerator.realPath(input) ?? input
            resolved.append((input, real, status.isDirectory))
        }
        for (index, later) in resolved.enumerated() {
            for earlier in resolved[..<index] {
                let same = earlier.real == later.real
                let inside = earlier.isDirectory && later.real.hasPrefix(earlier.real == "/" ? "/" : earlier.real + "/")
                let contains = later.isDirectory && earlier.real.hasPrefix(later.real == "/" ? "/" : later.real + "/")
                guard same || inside || contains else { continue }
                let what = same && earlier.input == later.input ? "input \(later.input) is named twice"
                    : same ? "inputs \(earlier.input) and \(later.input) are the same \(later.isDirectory ? "folder" : "file") (\(later.real))"
                    : inside ? "input \(later.input) lies inside \(earlier.input), also named"
                    : "input \(earlier.input) lies inside \(later.input), also named"
                throw BatchError(.duplicateInput, "\(what): its documents would be written twice; name each input once")
            }
        }
    }

    /// A string naming the batch: its inputs (with the size and modification time of input files) and `settings`,
    /// for `ShardDirectory` to recognise its own batch when resuming.
    public static func describe(inputs: [String], settings: [String: String] = [:]) -> String {
        var parts: [String] = []
        for input in inputs {
            var info = stat()
            if stat(input, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
                parts.append("\(input) (\(info.st_size) bytes, modified \(info.st_mtim.tv_sec))")
            } else {
                parts.append(input)
            }
        }
        let settings = settings.keys.sorted().map { "\($0)=\(settings[$0]!)" }
        return (parts + settings).joined(separator: "; ")
    }

    /// Runs the batch to its end, or until cancelled or `maxErrors` is passed, and makes the sink durable.
    /// `progress` is called every `progressInterval` seconds from another thread.
    public func run(into sink: any BatchSink, progress: (@Sendable (BatchProgress) -> Void)? = nil) throws -> BatchSummary {
        try checkInputs()
        let checkpoint = try sink.checkpoint()
        let started = DispatchTime.now().uptimeNanoseconds
        var summary = BatchSummary()
        if checkpoint.complete {
            summary.alreadyComplete = true
            summary.complete = true
            return summary
        }
        let total = Self.totalBytes(of: inputs, excluding: excluded)
        lock.withLock { counters.totalInputBytes = total }

        let ticker = progress.map { ProgressTicker(interval: options.progressInterval, runner: self, started: started, report: $0) }
        defer { ticker?.stop() }

        let annotator = self.annotator
        let maxDocumentBytes = options.maxDocumentBytes
        let builder = options.documents
        let sinkBox = SinkBox(sink)
        let runner = ParallelRunner<[BatchItem], [BatchOutput]>(
            jobs: options.jobs, ordered: options.ordered, maxCost: 64 << 20,
            threadStarted: { role in gazette_name_thread(role == .worker ? "gazette-worker" : "gazette-writer") },
            work: { items in items.map { $0.process(with: annotator, builder: builder, maxDocumentBytes: maxDocumentBytes) } },
            emit: { [self] outputs, _ in if let sink = sinkBox.sink { write(outputs, to: sink) } })
        // The caller may open the same folder again as soon as run() returns: let go of the sink by then.
        defer { sinkBox.sink = nil }

        // The reader: the calling thread.
        var batch: [BatchItem] = []
        var batchBytes = 0
        var documentBytes = 0
        func submit() {
            guard !batch.isEmpty else { return }
            lock.withLock { counters.documentBytes = documentBytes }
            runner.submit(batch, cost: batchBytes)
            batch.removeAll(keepingCapacity: true)
            batchBytes = 0
        }
        let enumerator = SourceEnumerator(inputs: inputs, excluding: excluded)
        var reader = SourceReader(maxDocumentBytes: options.maxDocumentBytes)
        var position = checkpoint.resume.start
        var bytesBefore = 0
        var alreadyDone = 0
        var readAll = true
        for source in enumerator {
            if isCancelled {
                readAll = false
                break
            }
            if source.index < checkpoint.resume.source {
                bytesBefore += source.size
                continue
            }
            let sourceStart = position
            var stopped = false
            reader.read(source, progress: { bytes in
                let done = bytesBefore + min(bytes, source.size)
                lock.withLock { counters.inputBytes = done }
            }, emit: { found in
                if isCancelled {
                    stopped = true
                    return false
                }
                defer { position += 1 }
                if checkpoint.isDone(position) {
                    alreadyDone += 1
                    return true
                }
                let item = BatchItem(position: position, sourceIndex: source.index, sourceStart: sourceStart, id: found.id,
                                     fields: found.fields, location: found.location, content: found.content)
                batchBytes += found.content.size
                documentBytes += found.content.documentBytes
                batch.append(item)
                if batch.count >= 64 || batchBytes >= 1 << 18 { submit() }
                return true
            })
            if stopped {
                readAll = false
                break
            }
            bytesBefore += source.size
            lock.withLock { counters.inputBytes = bytesBefore }
        }
        submit()
        runner.finish()

        let (error, aborted, finalCounters) = lock.withLock { (writeError, abortedByErrors, counters) }
        if let error { throw error }
        // Once everything was read, everything was written (finish() waits): a late cancel changes nothing.
        let complete = readAll && !aborted
        (sink as? ShardDirectory)?.webRecords = reader.webRecords.records > 0 ? reader.webRecords : nil
        try sink.finish(complete: complete)
        summary.documents = finalCounters.documents
        summary.failed = finalCounters.failed
        summary.alreadyDone = alreadyDone
        summary.inputBytes = finalCounters.inputBytes
        summary.documentBytes = documentBytes
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        summary.complete = complete
        summary.cancelled = isCancelled && !aborted && !complete
        summary.abortedByErrors = aborted
        summary.unsupported = enumerator.unsupported + reader.unsupported
        summary.unsupportedExamples = Array((enumerator.unsupportedExamples + reader.unsupportedExamples).prefix(3))
        summary.webRecords = reader.webRecords
        return summary
    }

    /// The writer: hands outputs to the sink and counts them. Runs on the parallel runner's writer thread.
    private func write(_ outputs: [BatchOutput], to sink: any BatchSink) {
        if lock.withLock({ writeError != nil }) { return }
        do {
            var failed = 0
            for output in outputs {
                try sink.write(output)
                if output.failed { failed += 1 }
            }
            lock.withLock {
                counters.documents += outputs.count
                counters.failed += failed
                if let maxErrors = options.maxErrors, counters.failed > maxErrors, !abortedByErrors {
                    abortedByErrors = true
                    cancelled = true
                }
            }
        } catch {
            lock.withLock {
                writeError = error
                cancelled = true
            }
        }
    }

    func snapshot(started: UInt64) -> BatchProgress {
        var progress = lock.withLock { counters }
        progress.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return progress
    }

    /// Bytes of every source file, for the progress report's total.
    private static func totalBytes(of inputs: [String], excluding excluded: [String]) -> Int {
        SourceEnumerator(inputs: inputs, excluding: excluded).reduce(0) { $0 + $1.size }
    }
}

/// The sink, shared with the writer thread, which alone uses it while the run lasts.
private final class SinkBox: @unchecked Sendable {
    var sink: (any BatchSink)?
    init(_ sink: any BatchSink) { self.sink = sink }
}
