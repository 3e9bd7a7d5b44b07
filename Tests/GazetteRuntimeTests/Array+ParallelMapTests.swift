import Testing
@testable import GazetteRuntime

@Suite("Parallel map")
struct ParallelMapTests {
    @Test(arguments: [1, 3])
    func resultsKeepTheElementsOrder(jobs: Int) {
        let numbers = Array(0..<1000)
        #expect(numbers.parallelMap(jobs: jobs, chunk: 7) { $0 * $0 } == numbers.map { $0 * $0 })
    }

    @Test func emptyAndTinyInputs() {
        #expect([Int]().parallelMap(jobs: 2) { $0 }.isEmpty)
        #expect(["a"].parallelMap(jobs: 4, chunk: 0) { $0 + "!" } == ["a!"])
    }
}
