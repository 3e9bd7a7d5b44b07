/// Tells the language of a text: an ISO 639-1 code and a confidence (0–1), or `LanguagePolicy.undetermined` with
/// confidence 0 when it cannot tell reliably. GazetteWeb's `LanguageIdentifier` (CLD2) is one.
public protocol LanguageIdentifying: Sendable {
    /// The language of `text` and how sure the answer is.
    func identifyLanguage(of text: String) -> (language: String, confidence: Double)
}

/// Which languages get annotated: `RecordAnnotator` identifies each document's language before annotating it, writes
/// it into the record (`language`, `language_confidence`), and gives documents reliably in another language only the
/// language-neutral layers (sentences), no entities or topics, with a `GZ110` warning. Undetermined documents are
/// annotated as before.
public struct LanguagePolicy: Sendable {
    /// The code for "no reliable answer" (ISO 639-2's "undetermined").
    public static let undetermined = "und"

    /// ISO 639-1 codes of the languages to annotate (`--languages`; English by default).
    public var languages: [String]
    /// What tells a document's language.
    public var identifier: any LanguageIdentifying

    /// A policy annotating `languages`, identified by `identifier`.
    public init(languages: [String] = ["en"], identifier: any LanguageIdentifying) {
        self.languages = languages
        self.identifier = identifier
    }

    /// Identifies `document`'s language into its metadata and says whether it should be annotated fully; when not,
    /// adds the `GZ110` warning.
    public func apply(to document: inout Document) -> Bool {
        let (language, confidence) = identifier.identifyLanguage(of: document.text)
        document.metadata.language = language
        document.metadata.languageConfidence = confidence
        guard let warning = warning(language: language, confidence: confidence) else { return true }
        document.warnings.append(warning)
        return false
    }

    /// The `GZ110` warning for a document identified as `language`, or nil when it is annotated (one of
    /// `languages`, or undetermined).
    public func warning(language: String, confidence: Double) -> Warning? {
        guard language != Self.undetermined, !languages.contains(language) else { return nil }
        let share = String(Int((confidence * 100).rounded())) + "%"
        let expected = languages == ["en"] ? "not English" : "not in --languages (\(languages.joined(separator: ", ")))"
        return Warning(code: .otherLanguage, message: "language \(language) (\(share) of the text), \(expected): entities and topics skipped")
    }
}
