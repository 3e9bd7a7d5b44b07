import Testing
@testable import Gazette

/// A segmenter with a small abbreviation list of its own, so these tests do not depend on Gazetteers/.
private let segmenter = Segmenter(
    abbreviations: AbbreviationList(["u.s.": .initialism, "dr.": .title, "mr.": .title, "a.m.": .initialism, "p.m.": .initialism, "inc.": .final]),
    sentenceStarters: ["the", "then", "he", "she", "it"]
)

private func segment(_ text: String) throws -> Document {
    var document = Document(text: text)
    try segmenter.process(&document)
    return document
}

private func sentences(_ text: String) throws -> [String] {
    let document = try segment(text)
    return document.sentences.map { document.substring(utf8: $0) }
}

private func tokens(_ text: String) throws -> [String] {
    let document = try segment(text)
    return document.tokens.map { document.substring(utf8: $0.utf8Range) }
}

@Suite("Sentences")
struct SentenceTests {
    @Test func abbreviationInsideSentenceDoesNotSplit() throws {
        #expect(try sentences("The U.S. State Department said so. He left.") == ["The U.S. State Department said so.", "He left."])
        #expect(try sentences("Dr. Jones agreed with Mr. Smith.") == ["Dr. Jones agreed with Mr. Smith."])
    }

    @Test func plainPeriodSplits() throws {
        #expect(try sentences("He left. Then he came back.") == ["He left.", "Then he came back."])
    }

    @Test func abbreviationBeforeSentenceStarterSplits() throws {
        #expect(try sentences("She moved to the U.S. The move was hard.") == ["She moved to the U.S.", "The move was hard."])
        #expect(try sentences("It opened at 10 a.m. Then it closed.") == ["It opened at 10 a.m.", "Then it closed."])
    }

    @Test func initialsStayInOneSentence() throws {
        #expect(try sentences("J. R. R. Tolkien wrote it. Readers loved it.") == ["J. R. R. Tolkien wrote it.", "Readers loved it."])
    }

    @Test func decimalsDoNotSplit() throws {
        #expect(try sentences("Output rose 3.5 percent. Prices fell.") == ["Output rose 3.5 percent.", "Prices fell."])
    }

    @Test func quotesAndBracketsStayWithTheirSentence() throws {
        #expect(try sentences("He said “we will win.” Then he left.") == ["He said “we will win.”", "Then he left."])
        #expect(try sentences("It ended (as expected.) Nobody cared.") == ["It ended (as expected.)", "Nobody cared."])
        #expect(try sentences("\"Go!\" she said.") == ["\"Go!\" she said."])
    }

    @Test func urlsAndEmailsDoNotSplit() throws {
        #expect(try sentences("See www.example.com/news.html today. Write to desk@example.org now.")
            == ["See www.example.com/news.html today.", "Write to desk@example.org now."])
    }

    @Test func lineBreaksEndHeadlines() throws {
        #expect(try sentences("Blinken meets survivors\n\nThe meeting was virtual.") == ["Blinken meets survivors", "The meeting was virtual."])
        #expect(try sentences("First line\r\nSecond line") == ["First line", "Second line"])
    }

    @Test func otherScriptsSplitOnTheirOwnPunctuation() throws {
        #expect(try sentences("北京是中国的首都。上海很大。") == ["北京是中国的首都。", "上海很大。"])
        #expect(try sentences("मैं घर जा रहा हूँ। वह आया।") == ["मैं घर जा रहा हूँ।", "वह आया।"])
        #expect(try sentences("مرحبا بالعالم. كيف حالك؟") == ["مرحبا بالعالم.", "كيف حالك؟"])
    }

    @Test func emptyAndBlankTextHaveNoSentences() throws {
        #expect(try sentences("") == [])
        #expect(try sentences(" \n\t ") == [])
    }

    @Test func sentencesAreTrimmed() throws {
        let document = try segment("  Hello there.  ")
        #expect(document.sentences == [2..<14])
    }
}

@Suite("Tokens")
struct TokenTests {
    @Test func wordsNumbersAndPunctuation() throws {
        let document = try segment("Prices rose 3.5% by 10:30, said NATO.")
        let pieces = document.tokens.map { (document.substring(utf8: $0.utf8Range), $0.kind) }
        #expect(pieces.map(\.0) == ["Prices", "rose", "3.5", "%", "by", "10:30", ",", "said", "NATO", "."])
        #expect(pieces.map(\.1) == [.word, .word, .number, .punctuation, .word, .number, .punctuation, .word, .word, .punctuation])
    }

    @Test func shapes() throws {
        let document = try segment("Blinken NATO iPhone said COVID19 北京 A")
        #expect(document.tokens.map(\.shape) == [.capitalized, .allCaps, .mixed, .lower, .hasDigit, .uncased, .capitalized])
    }

    @Test func initialismsKeepTheirPeriod() throws {
        #expect(try tokens("The U.S. and U.K. met at 9 a.m. today") == ["The", "U.S.", "and", "U.K.", "met", "at", "9", "a.m.", "today"])
        #expect(try tokens("J. R. R. Tolkien") == ["J.", "R.", "R.", "Tolkien"])
    }

    @Test func datesScoresAndRangesAreOneToken() throws {
        #expect(try tokens("On 1996-08-30 it ended 4-28 after the 2020-21 season") == ["On", "1996-08-30", "it", "ended", "4-28", "after", "the", "2020-21", "season"])
        #expect(try tokens("a 3 - 1 win") == ["a", "3", "-", "1", "win"])
    }

    @Test func possessivesSplit() throws {
        #expect(try tokens("China's and Washington’s plans") == ["China", "'s", "and", "Washington", "’s", "plans"])
    }

    @Test func hyphenatedWordsKeepTheirParts() throws {
        #expect(try tokens("a state-run camp") == ["a", "state", "-", "run", "camp"])
    }

    @Test func urlsAndEmailsAreSingleTokens() throws {
        let document = try segment("Read https://example.com/a/b?c=1&d=2 (or www.example.org). Mail jane.doe+news@example.co.uk.")
        let pieces = document.tokens.map { (document.substring(utf8: $0.utf8Range), $0.kind) }
        #expect(pieces.contains { $0 == ("https://example.com/a/b?c=1&d=2", .url) })
        #expect(pieces.contains { $0 == ("www.example.org", .url) })
        #expect(pieces.contains { $0 == ("jane.doe+news@example.co.uk", .email) })
        #expect(pieces.last?.0 == ".")
    }

    @Test func emojiAndCombiningMarks() throws {
        let document = try segment("Zürich 😀 cafe\u{301} 👍🏽 İstanbul")
        let pieces = document.tokens.map { (document.substring(utf8: $0.utf8Range), $0.kind) }
        #expect(pieces.map(\.0) == ["Zürich", "😀", "cafe\u{301}", "👍🏽", "İstanbul"])
        #expect(pieces.map(\.1) == [.word, .emoji, .word, .emoji, .word])
    }

    @Test func nonLatinScriptsSegmentIntoWords() throws {
        #expect(try tokens("北京是中国的首都") == ["北京", "是", "中国", "的", "首都"])
        #expect(try tokens("मैं घर जा रहा हूँ") == ["मैं", "घर", "जा", "रहा", "हूँ"])
        #expect(try tokens("مرحبا بالعالم") == ["مرحبا", "بالعالم"])
    }

    @Test func offsetsSliceTheOriginalText() throws {
        let text = "Ünïcode “quotes” — 😀 e\u{301}tude\r\nİ 北京."
        let document = try segment(text)
        let utf8 = Array(text.utf8)
        for token in document.tokens {
            #expect(String(decoding: utf8[token.utf8Range], as: UTF8.self) == document.substring(utf8: token.utf8Range))
            #expect(!document.substring(utf8: token.utf8Range).contains { $0.isWhitespace })
        }
        #expect(document.tokens.count == 10)
    }
}

@Suite("Tokens around links")
struct LinkTokenTests {
    /// Found by the jsonlines fuzz harness: a token stretched over a straddling word ran past the start of the next
    /// link, and the next link's token then began inside it; the sentence splitter trapped on the overlap.
    @Test func linksRunTogetherGiveTokensThatNeverOverlap() throws {
        for text in ["q@.q.@.q@..Z", "x@y.z@w.v rest", "Mail a@b.c.d@e.f. Then stop.", "k@.k.@.k@..Qa@b.cc"] {
            let document = try segment(text)
            var end = 0
            for token in document.tokens {
                #expect(token.start >= end && token.start < token.end, "overlapping tokens in \(text)")
                end = token.end
            }
            #expect(document.sentences.allSatisfy { !$0.isEmpty })
        }
    }
}
