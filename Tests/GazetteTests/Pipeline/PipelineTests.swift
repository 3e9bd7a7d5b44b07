import Testing
@testable import Gazette

private struct Needs: Stage {
    let name = "needs-entities"
    let requires: Set<Layer> = [.entities]
    let provides: Set<Layer> = [.topics]
    func process(_ document: inout Document) throws {}
}

@Suite("Pipeline")
struct PipelineTests {
    @Test func missingRequirementsFailWhenBuilt() {
        #expect(throws: GazetteError.self) { try Pipeline(stages: [TestPipeline.segmenter, Needs()]) }
        do {
            _ = try Pipeline(stages: [TestPipeline.segmenter, Needs()])
        } catch {
            #expect(error.code == .pipelineOrder)
            #expect(error.message.contains("needs-entities") && error.message.contains("entities"))
        }
    }

    @Test func stagesRecordTheLayersTheyFill() throws {
        let document = try TestPipeline.shared.annotate("China")
        #expect(document.layers == Set(Layer.standard))
    }

    @Test func stampNamesVersionAndResources() throws {
        #expect(TestPipeline.shared.stamp == "\(GazetteLibrary.version)+gaz.test")
    }

    @Test func oneSharedPipelineAnnotatesConcurrently() async throws {
        let pipeline = TestPipeline.shared
        let texts = (0..<64).map { "Item \($0): talks in China and Zürich." }
        let results = try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            for (index, text) in texts.enumerated() {
                group.addTask { (index, try pipeline.annotate(text).entities.map(\.text)) }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(results.count == 64)
        #expect(results.values.allSatisfy { $0 == ["China", "Zürich"] })
    }

    @Test func asyncStreamKeepsOrder() async throws {
        let texts = AsyncStream<String> { continuation in
            for text in ["China", "Zürich", "Istanbul"] { continuation.yield(text) }
            continuation.finish()
        }
        var seen: [String] = []
        for try await document in TestPipeline.shared.annotate(texts) {
            seen.append(document.entities.first?.name ?? "-")
        }
        #expect(seen == ["China", "Zürich", "İstanbul"])
    }

    @Test func entityRangesIndexTheOriginalString() throws {
        let text = "Café talks: 😀 Zürich and e\u{301} China."
        let document = try TestPipeline.shared.annotate(text)
        #expect(document.entities.map { String(text[$0.range]) } == ["Zürich", "China"])
    }
}
