/// Where a running batch stands.
public struct BatchProgress: Sendable {
    /// Documents written in this run, and how many of them are error records.
    public var documents = 0
    public var failed = 0
    /// Bytes of input read (as stored, compressed), and the total of all inputs.
    public var inputBytes = 0
    public var totalInputBytes = 0
    /// Seconds since the run started.
    public var seconds = 0.0

    public init() {}
}

/// How a batch run ended.
public struct BatchSummary: Sendable {
    /// Documents written in this run, and how many of them are error records.
    public var documents = 0
    public var failed = 0
    /// Documents skipped because an earlier run had written them.
    public var alreadyDone = 0
    /// Bytes of input read (as stored).
    public var inputBytes = 0
    public var seconds = 0.0
    /// Whether the whole batch is done (now or in earlier runs).
    public var complete = false
    /// Whether an earlier run had already finished the whole batch.
    public var alreadyComplete = false
    /// Stopped by `cancel()`.
    public var cancelled = false
    /// Stopped because more than `maxErrors` documents failed.
    public var abortedByErrors = false
    /// Files and members skipped because of their kind, and a few of their names.
    public var unsupported = 0
    public var unsupportedExamples: [String] = []
    /// What the WARC and ARC readers did with every record they read in this run: documents, skipped by reason,
    /// damaged.
    public var webRecords = WebRecordCounts()

    public init() {}
}
