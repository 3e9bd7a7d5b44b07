import Foundation
import Gazette
@testable import GazetteExport
import Testing

@Suite struct SpacyExportTests {
    @Test(arguments: OffsetUnit.allCases)
    func entitiesSentencesAndTokensAreCharacterOffsetsOfTheText(unit: OffsetUnit) throws {
        let record = try ExportSamples.record(unit: unit)
        let tokenized = try TokenizedRecord(record, segmenter: Segmenter())
        let json = try #require(try JSONSerialization.jsonObject(with: Data(SpacyExport.document(tokenized))) as? [String: Any])
        #expect(json["text"] as? String == ExportSamples.text)
        let scalars = Array(ExportSamples.text.unicodeScalars)
        func slice(_ item: [String: Any]) -> String {
            String(String.UnicodeScalarView(scalars[(item["start"] as! Int)..<(item["end"] as! Int)]))
        }
        let entities = try #require(json["ents"] as? [[String: Any]])
        #expect(entities.map(slice) == ExportSamples.mentions.map(\.mention))
        #expect(entities.map { $0["label"] as? String } == ExportSamples.mentions.map(\.label))
        let sentences = try #require(json["sents"] as? [[String: Any]])
        #expect(sentences.map(slice) == ExportSamples.sentenceRanges.map { record.offsets.text($0) })  // the first starts at 0
        let spans = try #require((json["spans"] as? [String: Any])?["gazette"] as? [[String: Any]])
        #expect(spans.map { $0["kb_id"] as? String } == ExportSamples.mentions.map { $0.id ?? "" })
    }

    /// What spaCy's `Doc.from_json` requires of the tokens: the words it rebuilds from the text
    /// (`spacy.util.get_words_and_spaces`) are exactly these, that is the words tile the text, with at most one
    /// space after a word, and only where the next word does not start with one.
    @Test func theWordsAreTheOnesSpacyRebuildsFromTheText() throws {
        let texts = [ExportSamples.text, "  Leading and  double  spaces\n\n\ttabs ", "", "a", "No trailing space"]
        for text in texts {
            let line = #"{"text":\#(ExportSamples.quoted(text))}"#
            let tokenized = try TokenizedRecord(try ExportRecordReader().read(Array(line.utf8), line: 1).get(), segmenter: Segmenter())
            let utf8 = Array(text.utf8)
            var rebuilt: [UInt8] = []
            let words = SpacyExport.words(tokenized)
            for (index, word) in words.enumerated() {
                #expect(word.lowerBound == rebuilt.count, "\(text): word \(index) does not continue the text")
                rebuilt += utf8[word]
                let next = index + 1 < words.count ? words[index + 1].lowerBound : utf8.count
                if next == word.upperBound + 1 {
                    #expect(utf8[word.upperBound] == 0x20, "\(text): only a space may follow a word")
                    rebuilt.append(0x20)
                } else {
                    #expect(next == word.upperBound, "\(text): a gap of more than one space is a word")
                }
            }
            #expect(rebuilt == utf8)
        }
    }
}
