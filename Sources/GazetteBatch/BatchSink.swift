/// Where a `BatchRunner` puts finished documents. A sink also remembers what is done, so that a run that stopped
/// (or was killed) can be resumed: it gives the runner its checkpoint before the run starts.
///
/// `write` and `finish` are called from one thread at a time.
public protocol BatchSink: AnyObject {
    /// What earlier runs finished, as far as it is durable. `BatchCheckpoint()` when nothing is done.
    func checkpoint() throws -> BatchCheckpoint
    /// One finished document.
    func write(_ output: BatchOutput) throws
    /// Makes everything written so far durable; `complete` when the whole batch is done.
    func finish(complete: Bool) throws
}
