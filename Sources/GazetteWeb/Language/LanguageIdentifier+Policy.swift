import Gazette

extension LanguageIdentifier: LanguageIdentifying {
    /// The identified language and confidence ("und" and 0 when CLD2 cannot tell reliably), for `LanguagePolicy`.
    public func identifyLanguage(of text: String) -> (language: String, confidence: Double) {
        let identification = identify(text)
        return (identification.language, identification.confidence)
    }
}

extension LanguagePolicy {
    /// A policy annotating `languages` (English by default), identified by CLD2.
    public static func cld2(languages: [String] = ["en"]) -> LanguagePolicy {
        LanguagePolicy(languages: languages, identifier: LanguageIdentifier())
    }
}
