import Dispatch
import Testing
@testable import Gazette

@Suite struct BackgroundWorkTests {
    private struct Refusal: Error, Equatable { var reason: String }

    @Test func returnsWhatTheWorkReturnedOnceItHasFinished() throws {
        let gate = DispatchSemaphore(value: 0)
        let work = BackgroundWork { () throws(Refusal) -> [Int] in
            gate.wait()  // not finished until the caller has gone on
            return Array(1...5)
        }
        gate.signal()
        #expect(try work.result() == [1, 2, 3, 4, 5])
        #expect(try work.result() == [1, 2, 3, 4, 5], "a second call gives the same value instead of waiting forever")
    }

    @Test func throwsWhatTheWorkThrew() {
        let work = BackgroundWork { () throws(Refusal) -> Int in throw Refusal(reason: "no cache") }
        #expect(throws: Refusal(reason: "no cache")) { try work.result() }
    }

    @Test func runsOnAnotherThread() throws {
        // The caller blocks on a semaphore the work signals: on the caller's thread this would never finish.
        let started = DispatchSemaphore(value: 0)
        let work = BackgroundWork { () throws(Refusal) -> Bool in
            started.signal()
            return true
        }
        #expect(started.wait(timeout: .now() + 10) == .success)
        #expect(try work.result())
    }
}
