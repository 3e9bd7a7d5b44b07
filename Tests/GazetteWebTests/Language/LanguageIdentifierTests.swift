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
