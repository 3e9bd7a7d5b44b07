/// A warning with a stable code that GazetteWeb proposes for `GazetteError.Code`, as a plain string until the code is
/// wired there (proposed case: `/// A document is not in English: entities and topics were skipped (a warning).`
/// `case notEnglish = "GZ110"`).
public struct ProposedWarning: Sendable, Hashable, CustomStringConvertible {
    /// The stable code, e.g. "GZ110".
    public var code: String
    /// What happened, for people.
    public var message: String

    /// The code of `notEnglish(_:)`.
    public static let notEnglishCode = "GZ110"

    /// GZ110: the document's language was reliably identified as another language than English, so the
    /// English-only stages (entities, topics) were skipped. Nil when the identification is English or undetermined:
    /// such documents are annotated as before.
    public static func notEnglish(_ identification: LanguageIdentifier.Identification) -> ProposedWarning? {
        guard identification.skipsEnglishStages else { return nil }
        let confidence = String(Int((identification.confidence * 100).rounded())) + "%"
        return ProposedWarning(code: notEnglishCode,
                               message: "language \(identification.language) (\(confidence) of the text), not English: entities and topics skipped")
    }

    /// "GZ110: message".
    public var description: String { "\(code): \(message)" }
}

extension LanguageIdentifier.Identification {
    /// Whether English-only stages should skip this text: its language is reliably another one than English.
    public var skipsEnglishStages: Bool {
        language != "en" && language != LanguageIdentifier.undetermined
    }
}
