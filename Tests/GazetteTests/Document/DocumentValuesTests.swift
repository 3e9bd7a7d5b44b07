import Testing
@testable import Gazette

extension Layer {
    fileprivate static let sentiment = Layer(rawValue: "sentiment")
    fileprivate static let mood = Layer(rawValue: "mood")
}

/// A stage of a user's own: a crude sentiment score from the matching keys, kept in the typed store.
private struct SentimentScorer: Stage {
    enum Score: DocumentValueKey { static let defaultValue = 0.0 }

    let name = "sentiment"
    let requires: Set<Layer> = [.tokenKeys]
    let provides: Set<Layer> = [.sentiment]

    func process(_ document: inout Document) throws {
        let keys = document.tokenKeys.keys
        let good = keys.filter { ["good", "great", "happy"].contains($0) }.count
        let bad = keys.filter { ["bad", "awful", "sad"].contains($0) }.count
        document[Score.self] = Double(good - bad)
    }
}

/// A second user stage that reads the first one's layer.
private struct MoodLabeller: Stage {
    enum Mood: DocumentValueKey { static let defaultValue = "unknown" }

    let name = "mood"
    let requires: Set<Layer> = [.sentiment]
    let provides: Set<Layer> = [.mood]

    func process(_ document: inout Document) throws {
        let score = document[SentimentScorer.Score.self]
        document[Mood.self] = score > 0 ? "cheerful" : score < 0 ? "gloomy" : "neutral"
    }
}

@Suite("User stages")
struct UserStageTests {
    @Test func aUserStageProvidesALayerThatAnotherRequires() throws {
        let pipeline = try Pipeline(stages: [TestPipeline.segmenter, TokenNormalizer(), SentimentScorer(), MoodLabeller()])
        let document = try pipeline.annotate("A GREAT day, a good match and a happy crowd; one bad call.")
        #expect(document[SentimentScorer.Score.self] == 2)
        #expect(document[MoodLabeller.Mood.self] == "cheerful")
        #expect(document.layers.isSuperset(of: [.sentiment, .mood, .tokens, .tokenKeys]))
    }

    @Test func aUserLayerMissingFromThePipelineFailsWhenBuilt() {
        #expect(throws: GazetteError.self) { try Pipeline(stages: [TestPipeline.segmenter, TokenNormalizer(), MoodLabeller()]) }
    }

    @Test func unsetValuesReadAsTheKeysDefault() {
        var document = Document(text: "quiet")
        #expect(document[MoodLabeller.Mood.self] == "unknown")
        document[MoodLabeller.Mood.self] = "calm"
        #expect(document[MoodLabeller.Mood.self] == "calm")
        #expect(document[SentimentScorer.Score.self] == 0)
    }

    @Test func layersAreNamedByTheirRawValue() {
        #expect(Layer(rawValue: "tokens") == .tokens)
        #expect(Layer.standard.map(\.rawValue) == ["sentences", "tokens", "tokenKeys", "wordListFlags", "candidates", "entities", "topics"])
    }
}
