import Gazette
import Testing
@testable import GazetteWeb

@Suite("Language identification")
struct LanguageIdentifierTests {
    let identifier = LanguageIdentifier()

    @Test(arguments: ["en", "de", "fr", "es", "ru", "zh", "ja", "pl", "cs"])
    func paragraphs(_ language: String) {
        let text = LanguageSamples.long.first { $0.language == language }!.text
        let answer = identifier.identify(text)
        #expect(answer.language == language)
        #expect(answer.confidence > 0.5)
    }

    @Test func veryShortTextIsUndetermined() {
        for text in ["", "OK", "Berlin", "12:30", "Hello there"] {
            let answer = identifier.identify(text)
            #expect(answer.language == LanguageIdentifier.undetermined, "\(text)")
            #expect(answer.confidence == 0)
        }
    }

    @Test func chineseInEitherScriptIsZh() {
        #expect(LanguageIdentifier.iso639_1("zh-Hant") == "zh")
        #expect(LanguageIdentifier.iso639_1("un") == "und")
        #expect(LanguageIdentifier.iso639_1("xx-Qaai") == "und")
        #expect(LanguageIdentifier.iso639_1("de") == "de")
    }

    @Test func englishWithAForeignNameIsEnglish() {
        let answer = identifier.identify("The ministry of education (Ministério da Educação) announced on Monday that schools in the north will reopen next week after the floods.")
        #expect(answer.language == "en")
    }
}

@Suite("Language identification: control characters")
struct LanguageControlCharacterTests {
    @Test func aStrayC1ControlDoesNotMakeATextUndetermined() {
        let english = LanguageSamples.long.first { $0.language == "en" }!.text
        let withControls = "\u{9D}" + english + "\u{0B}\u{7F}\u{FFFE}"
        #expect(LanguageIdentifier().identify(withControls).language == "en")
    }
}

@Suite("Not-English warning")
struct NotEnglishWarningTests {
    let identifier = LanguageIdentifier()

    @Test func otherLanguagesGetGZ110() throws {
        let german = LanguageSamples.long.first { $0.language == "de" }!.text
        var document = Document(text: german)
        #expect(!LanguagePolicy.cld2().apply(to: &document))
        #expect(document.metadata.language == "de")
        let warning = try #require(document.warnings.first)
        #expect(warning.code == .otherLanguage && warning.code.rawValue == "GZ110")
        #expect(warning.message.hasPrefix("language de ("))
        #expect(warning.message.hasSuffix("not English: entities and topics skipped"))
        var widened = Document(text: german)
        #expect(LanguagePolicy.cld2(languages: ["en", "de"]).apply(to: &widened))
        #expect(widened.warnings.isEmpty && widened.metadata.language == "de")
    }

    @Test func englishAndUndeterminedTextsAreAnnotated() {
        let english = LanguageSamples.long.first { $0.language == "en" }!.text
        for text in [english, "EDUCAÇÃO"] {  // the second too short to tell
            var document = Document(text: text)
            #expect(LanguagePolicy.cld2().apply(to: &document))
            #expect(document.warnings.isEmpty)
        }
        var short = Document(text: "EDUCAÇÃO")
        _ = LanguagePolicy.cld2().apply(to: &short)
        #expect(short.metadata.language == "und" && short.metadata.languageConfidence == 0)
    }

    @Test func aPortugueseHeadlineIsNotEnglish() {
        let answer = identifier.identify("Ministério da Educação anuncia novo programa de bolsas para estudantes")
        #expect(answer.language == "pt")
        #expect(LanguagePolicy.cld2().warning(language: answer.language, confidence: answer.confidence) != nil)
    }
}

@Suite("Language sample")
struct LanguageSampleTests {
    @Test func prefixEndsOnACharacterBoundary() {
        #expect(LanguageIdentifier.prefix(of: "abc", bytes: 10) == "abc")
        #expect(LanguageIdentifier.prefix(of: "abcdef", bytes: 3) == "abc")
        #expect(LanguageIdentifier.prefix(of: "aé", bytes: 2) == "a")  // é is two bytes
        #expect(LanguageIdentifier.prefix(of: "市政府", bytes: 7) == "市政")
    }

    @Test func aLongTextIsIdentifiedFromItsStart() {
        let german = LanguageSamples.long.first { $0.language == "de" }!.text
        let long = Array(repeating: german, count: 100).joined(separator: " ")
        #expect(LanguageIdentifier(sampleBytes: 1024).identify(long).language == "de")
    }
}
