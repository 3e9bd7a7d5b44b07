/// Time spent per stage, for benchmarks and profiling (`gazette bench stages`).
public struct StageTimings: Sendable {
    /// The stages' names, in pipeline order.
    public private(set) var names: [String]
    /// Time spent in each stage over all documents timed, in the order of ``names``.
    public private(set) var durations: [Duration]
    /// Documents timed.
    public private(set) var documents = 0
    /// Bytes of text (UTF-8) of the documents timed.
    public private(set) var bytes = 0

    /// No time yet for each of `stages` (a pipeline's ``Pipeline/stages``).
    public init(stages: [any Stage]) {
        names = stages.map(\.name)
        durations = Array(repeating: .zero, count: stages.count)
    }

    mutating func add(_ duration: Duration, stage: Int) { durations[stage] += duration }
    mutating func count(_ document: Document) {
        documents += 1
        bytes += document.text.utf8.count
    }

    /// Time spent in all stages together.
    public var total: Duration { durations.reduce(.zero, +) }
}

extension Pipeline {
    /// Annotates like `annotate(_:)`, adding each stage's time to `timings`.
    public func annotate(_ document: Document, timings: inout StageTimings) throws -> Document {
        var document = document
        let clock = ContinuousClock()
        for (index, stage) in stages.enumerated() {
            let start = clock.now
            try stage.process(&document)
            timings.add(clock.now - start, stage: index)
            document.layers.formUnion(stage.provides)
        }
        timings.count(document)
        return document
    }
}
