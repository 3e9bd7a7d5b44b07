extension Array where Element: Sendable {
    /// `transform` applied to every element on `jobs` threads (through a `ParallelRunner`, `chunk` elements per
    /// hand-over), the results in the elements' order.
    package func parallelMap<Output: Sendable>(jobs: Int, chunk: Int = 8, _ transform: @escaping @Sendable (Element) -> Output) -> [Output] {
        let elements = self
        let gathered = Gathered<Output>()
        let runner = ParallelRunner<Range<Int>, [Output]>(
            jobs: jobs, work: { range in range.map { transform(elements[$0]) } },
            emit: { outputs, _ in gathered.values += outputs })
        for start in stride(from: 0, to: count, by: Swift.max(1, chunk)) {
            runner.submit(start..<Swift.min(start + Swift.max(1, chunk), count))
        }
        runner.finish()
        return gathered.values
    }
}

/// Results gathered by the writer thread; read once `finish()` has returned (its lock orders the accesses).
private final class Gathered<Value>: @unchecked Sendable {
    var values: [Value] = []
}
