/// How one surface form of an entry may match text: its case rule and whether it needs supporting context.
/// Decided when the gazetteer is compiled (see `GazetteerCompiler.policy`) and checked by `GazetteerTagger`.
struct SurfacePolicy: Sendable, Hashable, CustomStringConvertible {
    var rawValue: UInt8

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(caseRule: CaseRule, needsContext: Bool = false, lookupOnly: Bool = false, commonAcronym: Bool = false) {
        rawValue = caseRule.rawValue | (needsContext ? 1 << 2 : 0) | (lookupOnly ? 1 << 3 : 0) | (commonAcronym ? 1 << 4 : 0)
    }

    /// How the case of the text must relate to the case of the surface form, token by token (`TokenCase`).
    enum CaseRule: UInt8, Sendable {
        /// Distinctive names: any case ("Xinjiang", "XINJIANG"; "xinjiang" only where `allowsLowerCase`); only
        /// tokens written in capitals in the list (acronyms: "US", "NATO") need capitals in the text.
        case any = 0
        /// Names made of common words ("White House", "United States", a distinctive one-word name that is also
        /// a word such as "China"): tokens capitalised in the list must be capitalised or upper case in the text.
        case cased = 1
        /// Names that are common words ("Nice", "Reading", "Apple"): the case of every token exactly as listed.
        case exact = 2
    }

    var caseRule: CaseRule { CaseRule(rawValue: rawValue & 0b11) ?? .any }
    /// Matches only with supporting context: not next to other capitalised words, not where capitals say nothing
    /// (sentence starts, headlines) unless the entry's prior is high.
    var needsContext: Bool { rawValue & (1 << 2) != 0 }
    /// Found by `gazette gazetteer lookup`, never matched in text ("Korea, Republic of").
    var lookupOnly: Bool { rawValue & (1 << 3) != 0 }
    /// An acronym that is also a common word ("WHO", "ICE", "US"): not matched inside an all-capitals sentence
    /// unless written with periods ("U.S.").
    var commonAcronym: Bool { rawValue & (1 << 4) != 0 }
    /// May match text written all in lower case: one distinctive word of four letters or more ("xinjiang": in a
    /// sentence written all in lower case), or a spaCy pattern of `LOWER` tokens. Other names need a capital.
    var allowsLowerCase: Bool {
        get { rawValue & (1 << 5) != 0 }
        set { rawValue = newValue ? rawValue | (1 << 5) : rawValue & ~(1 << 5) }
    }

    /// A form of a user's list (`--gazetteer FILE`, `Gazetteer.addList`): its candidates carry
    /// `GazetteerTagger.userPriority`, and the resolver takes them before any span of the model or the rules.
    var isUser: Bool {
        get { rawValue & (1 << 6) != 0 }
        set { rawValue = newValue ? rawValue | (1 << 6) : rawValue & ~(1 << 6) }
    }

    var description: String {
        if lookupOnly { return "lookup only" }
        var text: String
        switch caseRule {
        case .any: text = "any case"
        case .cased: text = "capitalised"
        case .exact: text = "exact case"
        }
        if needsContext { text += ", needs context" }
        if commonAcronym { text += ", not in all-caps lines" }
        if caseRule == .any && !allowsLowerCase && !commonAcronym { text += " but lower case" }
        return text
    }
}

/// The case class of one token of a surface form, two bits each in `GazetteerPayload.shapes`.
enum TokenCase: UInt32 {
    /// No constraint: punctuation, numbers, uncased scripts, or a spaCy `LOWER` token pattern.
    case free = 0
    case lower = 1
    /// Capitalised or mixed ("Blinken", "McCarthy").
    case capitalized = 2
    /// Upper case ("NATO", "U.S.").
    case upper = 3

    init(_ token: Token) {
        guard token.kind == .word else { self = .free; return }
        switch token.shape {
        case .lower: self = .lower
        case .capitalized, .mixed: self = .capitalized
        case .allCaps: self = .upper
        case .hasDigit, .uncased: self = .free
        }
    }

    static func pack(_ cases: [TokenCase]) -> UInt32 {
        var packed: UInt32 = 0
        for (i, value) in cases.prefix(16).enumerated() { packed |= value.rawValue << (2 * UInt32(i)) }
        return packed
    }

    @inline(__always) static func unpack(_ packed: UInt32, _ index: Int) -> TokenCase {
        index < 16 ? TokenCase(rawValue: (packed >> (2 * UInt32(index))) & 0b11)! : .free
    }

    /// Whether a text token satisfies this constraint under a case rule.
    @inline(__always) func admits(_ token: Token, rule: SurfacePolicy.CaseRule) -> Bool {
        guard token.kind == .word else { return true }
        switch (rule, self) {
        case (_, .free): return true
        case (.any, .upper), (.cased, .upper), (.exact, .upper): return token.shape == .allCaps
        case (.any, _): return true
        case (.cased, .lower): return true
        case (.cased, .capitalized): return token.shape == .capitalized || token.shape == .mixed || token.shape == .allCaps
        case (.exact, .lower): return token.shape == .lower
        case (.exact, .capitalized): return token.shape == .capitalized || token.shape == .mixed
        }
    }
}
