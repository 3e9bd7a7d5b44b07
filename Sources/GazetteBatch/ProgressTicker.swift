import GazetteRuntime

/// Calls the progress callback at a fixed interval on its own thread.
final class ProgressTicker: @unchecked Sendable {
    private let monitor = MonitorLock()
    private let changed: MonitorLock.Condition
    private var stopped = false
    private var threadDone = false

    init(interval: Double, runner: BatchRunner, started: UInt64, report: @escaping @Sendable (BatchProgress) -> Void) {
        changed = MonitorLock.Condition(monitor)
        DetachedThread.start { [self] in
            monitor.lock()
            while !stopped {
                changed.wait(seconds: interval)
                if stopped { break }
                monitor.unlock()
                report(runner.snapshot(started: started))
                monitor.lock()
            }
            threadDone = true
            changed.broadcast()
            monitor.unlock()
        }
    }

    func stop() {
        monitor.lock()
        stopped = true
        changed.broadcast()
        while !threadDone { changed.wait() }
        monitor.unlock()
    }
}
