import Foundation
import Testing
@testable import GazetteRuntime

@Suite("Detached thread")
struct DetachedThreadTests {
    /// What the started thread saw, handed back under the monitor.
    private final class Outcome: @unchecked Sendable {
        let monitor = MonitorLock()
        let done: MonitorLock.Condition
        var thread: pthread_t?

        init() { done = MonitorLock.Condition(monitor) }
    }

    @Test func runsTheClosureOnAnotherThread() {
        let outcome = Outcome()
        DetachedThread.start {
            let me = pthread_self()
            outcome.monitor.withLock {
                outcome.thread = me
                outcome.done.broadcast()
            }
        }
        let thread = outcome.monitor.withLock { () -> pthread_t? in
            while outcome.thread == nil { outcome.done.wait() }
            return outcome.thread
        }
        #expect(thread.map { pthread_equal($0, pthread_self()) == 0 } == true)
    }

    @Test func aTimedWaitReturnsAfterItsTimeout() {
        let monitor = MonitorLock()
        let never = MonitorLock.Condition(monitor)
        let started = DispatchTime.now().uptimeNanoseconds
        monitor.withLock { never.wait(seconds: 0.05) }
        let waited = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        #expect(waited >= 0.04 && waited < 5)
    }
}
