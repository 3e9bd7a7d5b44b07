/// A kind of annotation that a stage can require or provide, named by a stable string.
///
/// The built-in layers are static members; a stage of your own declares its layer the same way and keeps its data
/// in the document's typed store (see `DocumentValueKey`):
///
/// ```swift
/// extension Layer { static let sentiment = Layer(rawValue: "sentiment") }
/// ```
public struct Layer: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The layer's name, as written in pipeline errors.
    public var rawValue: String

    /// The layer named `rawValue`; two layers with the same name are the same layer.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The layer's name.
    public var description: String { rawValue }

    /// `Document.sentences`, from the segmenter.
    public static let sentences = Layer(rawValue: "sentences")
    /// `Document.tokens`, from the segmenter.
    public static let tokens = Layer(rawValue: "tokens")
    /// `Document.tokenKeys` (keys and their hashes), from the normaliser.
    public static let tokenKeys = Layer(rawValue: "tokenKeys")
    /// The word lists of each token and the title-case sentences, from the word-list tagger.
    public static let wordListFlags = Layer(rawValue: "wordListFlags")
    /// `Document.candidates`, from gazetteers and rules.
    public static let candidates = Layer(rawValue: "candidates")
    /// `Document.entities`, from the resolver.
    public static let entities = Layer(rawValue: "entities")
    /// `Document.topics`, from a topic classifier.
    public static let topics = Layer(rawValue: "topics")

    /// The layers of the standard pipeline, in the order its stages fill them.
    public static let standard: [Layer] = [.sentences, .tokens, .tokenKeys, .wordListFlags, .candidates, .entities, .topics]
}
