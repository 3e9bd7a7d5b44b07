import Dispatch

/// A piece of work run on another thread while the caller goes on with its own, for loads that do not depend on
/// each other: start-up opens the gazetteer cache (a checksum and a check of every record over tens of megabytes)
/// while it reads the word lists and the models. `result()` waits for the work and returns or throws what it did.
final class BackgroundWork<Value: Sendable, Failure: Error>: @unchecked Sendable {
    // Written once by the work before `finished` is signalled; read only after waiting for that signal, so the
    // semaphore orders every access (hence `@unchecked`).
    private var outcome: Result<Value, Failure>?
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `work` at once on a thread of the global queue.
    init(_ work: @escaping @Sendable () throws(Failure) -> Value) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            outcome = Result { () throws(Failure) -> Value in try work() }
            finished.signal()
        }
    }

    /// Waits until the work has finished; its value, or the error it threw. Can be called more than once.
    func result() throws(Failure) -> Value {
        finished.wait()
        defer { finished.signal() }  // for the next call
        return try outcome!.get()
    }
}
