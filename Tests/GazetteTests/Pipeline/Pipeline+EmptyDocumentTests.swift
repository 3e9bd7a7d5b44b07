import Testing
@testable import Gazette

/// A stage that would make something out of nothing: it must not run on a document without text.
private struct Guess: Stage {
    let name = "guess"
    let requires: Set<Layer> = [.tokens]
    let provides: Set<Layer> = [.topics]
    func process(_ document: inout Document) throws {
        document.topics = [Topic(label: "lifestyle", score: 0.2)]
    }
}

/// The library's entry point on empty text: no annotations, no topic guessed from nothing, a `GZ109` warning.
@Suite("Pipeline: empty documents")
struct PipelineEmptyDocumentTests {
    @Test(arguments: ["", " ", "\n\n\t", "\u{2003}\u{85}"])
    func emptyTextGetsNoTopicsAndAWarning(text: String) throws {
        let document = try TestPipeline.shared.annotate(text, id: "e")
        #expect(document.topics.isEmpty)
        #expect(document.entities.isEmpty && document.sentences.isEmpty && document.tokens.isEmpty)
        #expect(document.warnings.map(\.code) == [.emptyDocument])
        #expect(document.layers == Set(Layer.standard))
        #expect(document.text == text)
    }

    @Test func stagesDoNotRunOnEmptyText() throws {
        let pipeline = try Pipeline(stages: [TestPipeline.segmenter, Guess()])
        #expect(try pipeline.annotate("Talks in Oslo.").topics.count == 1)
        #expect(try pipeline.annotate(" \n").topics.isEmpty)
        let neutral = try pipeline.annotate(Document(text: ""), onlyProviding: Pipeline.languageNeutralLayers)
        #expect(neutral.layers == [.sentences, .tokens])
        #expect(neutral.warnings.map(\.code) == [.emptyDocument])
    }

    @Test func textWithAnythingButWhiteSpaceIsAnnotated() throws {
        let document = try TestPipeline.shared.annotate(" Oslo ")
        #expect(document.warnings.isEmpty)
        #expect(document.tokens.count == 1)
    }
}
