/// Abbreviations that end in a period, and how they behave at a sentence boundary.
///
/// ICU's `en@ss=standard` suppressions still split "The U.S. | State Department said"; this list, kept as data in
/// `Gazetteers/abbreviations.tsv`, lets the segmenter join such sentences again.
public struct AbbreviationList: Sendable {
    /// How an abbreviation behaves before a possible sentence boundary.
    public enum Kind: String, Sendable {
        /// Precedes a name and never ends a sentence: "Mr.", "Dr.", "Sen.".
        case title
        /// Letters with periods that usually do not end a sentence: "U.S.", "a.m.".
        case initialism
        /// Often mid-sentence, sometimes sentence-final: "Inc.", "Jr.", "etc.".
        case final
    }

    /// Lower-cased abbreviation, period included, to its kind.
    public var kinds: [String: Kind]

    /// A list of lower-cased abbreviations, each with its kind.
    public init(_ kinds: [String: Kind] = [:]) {
        self.kinds = kinds
    }

    /// The kind of an abbreviation (any case), or nil when it is not listed.
    public func kind(of abbreviation: String) -> Kind? {
        kinds[abbreviation]
    }
}
