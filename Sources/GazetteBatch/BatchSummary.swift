/// Where a running batch stands.
public struct BatchProgress: Sendable {
    /// Documents written in this run.
    public var documents = 0
    /// How many of ``documents`` are error records.
    public var failed = 0
    /// Bytes of input read so far, as stored (compressed), including sources skipped as done by an earlier run.
    public var inputBytes = 0
    /// Bytes of all inputs, as stored: what ``inputBytes`` reaches when everything has been read.
    public var totalInputBytes = 0
    /// Bytes of the documents read in this run, decompressed (each document's bytes as handed to annotation: a file,
    /// an archive member, a JSON line, an HTTP body). Rates of work done are counted in these.
    public var documentBytes = 0
    /// Seconds since the run started.
    public var seconds = 0.0

    /// No progress yet.
    public init() {}
}

/// How a batch run ended.
public struct BatchSummary: Sendable {
    /// Documents written in this run.
    public var documents = 0
    /// How many of ``documents`` are error records.
    public var failed = 0
    /// Documents skipped because an earlier run had written them.
    public var alreadyDone = 0
    /// Bytes of input read (as stored, compressed or not).
    public var inputBytes = 0
    /// Bytes of the documents read in this run, decompressed (see ``BatchProgress/documentBytes``).
    public var documentBytes = 0
    /// Seconds the run took (wall clock).
    public var seconds = 0.0
    /// Whether the whole batch is done (now or in earlier runs).
    public var complete = false
    /// Whether an earlier run had already finished the whole batch.
    public var alreadyComplete = false
    /// Stopped by `cancel()`.
    public var cancelled = false
    /// Stopped because more than `maxErrors` documents failed.
    public var abortedByErrors = false
    /// Files and archive members skipped because of their kind.
    public var unsupported = 0
    /// The names of a few of them (at most three).
    public var unsupportedExamples: [String] = []
    /// What the WARC and ARC readers did with every record they read in this run: documents, skipped by reason,
    /// damaged.
    public var webRecords = WebRecordCounts()

    /// A summary of a run that has not written anything yet.
    public init() {}
}
