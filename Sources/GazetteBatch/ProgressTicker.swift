import Foundation

/// Calls the progress callback at a fixed interval on its own thread.
final class ProgressTicker: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopped = false
    private var threadDone = false

    init(interval: Double, runner: BatchRunner, started: UInt64, report: @escaping @Sendable (BatchProgress) -> Void) {
        let thread = Thread { [self] in
            condition.lock()
            while !stopped {
                _ = condition.wait(until: Date(timeIntervalSinceNow: interval))
                if stopped { break }
                condition.unlock()
                report(runner.snapshot(started: started))
                condition.lock()
            }
            threadDone = true
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !threadDone { condition.wait() }
        condition.unlock()
    }
}
