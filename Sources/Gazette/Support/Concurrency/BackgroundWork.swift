import GazetteRuntime

/// A piece of work run on another thread while the caller goes on with its own, for loads that do not depend on
/// each other: start-up opens the gazetteer cache (a checksum and a check of every record over tens of megabytes)
/// while it reads the word lists and the models. `result()` waits for the work and returns or throws what it did.
///
/// The work gets a thread of its own rather than a place in a shared pool (Dispatch's global queues, Swift's
/// cooperative executor): callers block in `result()`, and a caller that is itself a pool thread — a test, a task —
/// must never wait for work queued behind it in a pool that has no thread left to run it.
final class BackgroundWork<Value: Sendable, Failure: Error>: @unchecked Sendable {
    // Written once by the work while it holds `monitor`; read only after `outcome` is set, under the same lock.
    private let monitor = MonitorLock()
    private let finished: MonitorLock.Condition
    private var outcome: Result<Value, Failure>?

    /// Starts `work` at once on a new thread.
    init(_ work: @escaping @Sendable () throws(Failure) -> Value) {
        finished = MonitorLock.Condition(monitor)
        DetachedThread.start { [self] in
            let done = Result { () throws(Failure) -> Value in try work() }
            monitor.withLock {
                outcome = done
                finished.broadcast()
            }
        }
    }

    /// Waits until the work has finished; its value, or the error it threw. Can be called more than once.
    func result() throws(Failure) -> Value {
        monitor.lock()
        while outcome == nil { finished.wait() }
        let done = outcome!
        monitor.unlock()
        return try done.get()
    }
}
