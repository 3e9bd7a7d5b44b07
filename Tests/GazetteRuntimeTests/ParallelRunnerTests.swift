import Foundation
import Testing
@testable import GazetteRuntime

/// What the writer thread saw, in order.
private final class Collected<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value] = []
    func append(_ value: Value) { lock.withLock { storage.append(value) } }
    var values: [Value] { lock.withLock { storage } }
}

@Suite("Parallel runner")
struct ParallelRunnerTests {
    /// Work that takes longer for some inputs, so that results finish out of order.
    private static func slowly(_ value: Int) -> Int {
        usleep(useconds_t((value * 7919) % 5) * 300)
        return value * 2
    }

    @Test(arguments: [1, 2, 4])
    func orderedRunsEmitInSubmissionOrder(jobs: Int) {
        let seen = Collected<Int>()
        let runner = ParallelRunner<Int, Int>(jobs: jobs, work: Self.slowly, emit: { output, _ in seen.append(output) })
        for value in 0..<200 { runner.submit(value) }
        runner.finish()
        #expect(seen.values == (0..<200).map { $0 * 2 })
    }

    @Test func unorderedRunsEmitEveryResultOnce() {
        let seen = Collected<Int>()
        let runner = ParallelRunner<Int, Int>(jobs: 3, ordered: false, work: Self.slowly, emit: { output, _ in seen.append(output) })
        for value in 0..<200 { runner.submit(value) }
        runner.finish()
        #expect(seen.values.sorted() == (0..<200).map { $0 * 2 })
    }

    @Test func theWindowAndTheCostBoundLimitWhatIsInFlight() {
        let inFlight = Collected<Int>()
        let counter = NSLock()
        nonisolated(unsafe) var running = 0
        let runner = ParallelRunner<Int, Int>(jobs: 4, window: 3, maxCost: 10, work: { value in
            counter.withLock { running += 1; inFlight.append(running) }
            usleep(500)
            counter.withLock { running -= 1 }
            return value
        }, emit: { _, _ in })
        for value in 0..<50 { runner.submit(value, cost: 4) }
        runner.finish()
        // A cost of 4 each under a bound of 10: at most two inputs at once (the window alone would allow three).
        #expect(inFlight.values.max() ?? 0 <= 2)
        #expect(inFlight.values.count == 50)
    }

    @Test func threadsAreToldTheirRoleAndFinishWithNothingSubmittedReturns() {
        let roles = Collected<String>()
        let runner = ParallelRunner<Int, Int>(jobs: 2, threadStarted: { roles.append($0 == .worker ? "worker" : "writer") },
                                              work: { $0 }, emit: { _, _ in })
        runner.finish()
        #expect(roles.values.sorted() == ["worker", "worker", "writer"])
    }
}
