import Gazette
@testable import GazetteExport
import Testing

@Suite struct TokenizedRecordTests {
    @Test func gazettesEntitiesLieOnItsTokensAndInItsSentences() throws {
        let tokenized = try TokenizedRecord(ExportSamples.record(), segmenter: Segmenter())
        #expect(tokenized.issues.isEmpty)
        #expect(tokenized.entities.map(\.entity.utf8Range) == ExportSamples.entityRanges)
        for (entity, tokens) in tokenized.entities {
            #expect(tokenized.tokens[tokens.lowerBound].lowerBound == entity.utf8Range.lowerBound)
            #expect(tokenized.tokens[tokens.upperBound - 1].upperBound == entity.utf8Range.upperBound)
        }
        #expect(tokenized.sentences.count == 2)
        #expect(tokenized.sentences.first?.lowerBound == 0 && tokenized.sentences.last?.upperBound == tokenized.tokens.count)
        let secondStart = tokenized.tokens[tokenized.sentences[1].lowerBound].lowerBound
        #expect(secondStart == ExportSamples.sentenceRanges[1].lowerBound)
    }

    @Test func anEntityEdgeInsideATokenCutsItAndIsReported() throws {
        // "Lovelace" alone, although the token is "Lovelace"; and "Love" inside it: "Love" cuts the token.
        let line = #"{"id":"c","text":"Ada Lovelace wrote.","entities":[{"start":4,"end":8,"text":"Love","label":"PERSON"}]}"#
        let record = try ExportRecordReader().read(Array(line.utf8), line: 1).get()
        let tokenized = try TokenizedRecord(record, segmenter: Segmenter())
        #expect(tokenized.tokens.map { record.offsets.text($0) } == ["Ada", "Love", "lace", "wrote", "."])
        #expect(tokenized.entities.count == 1)
        #expect(tokenized.issues.map(\.problem) == [.cutToken("Lovelace")])
        #expect(tokenized.issues[0].description.contains("line 1 (id c)"))
    }

    @Test func entitiesOffTheTokensOrOverlappingAreLeftOutAndReported() throws {
        let line = #"{"id":"w","text":"Ada  Lovelace met Grace Hopper.","entities":[{"start":0,"end":4,"label":"PERSON"},{"start":18,"end":30,"label":"PERSON"},{"start":24,"end":30,"label":"PERSON"}]}"#
        let record = try ExportRecordReader().read(Array(line.utf8), line: 2).get()
        let tokenized = try TokenizedRecord(record, segmenter: Segmenter())
        #expect(tokenized.entities.map(\.entity.text) == ["Grace Hopper"])
        #expect(tokenized.issues.map(\.problem) == [.notOnTokens, .overlaps])
        #expect(tokenized.issues[0].entity.text == "Ada ")
    }

    @Test func sentencesAnEntityRunsAcrossAreJoined() throws {
        let line = #"{"text":"He met Ada. Lovelace came.","sentences":[[0,11],[12,26]],"entities":[{"start":7,"end":20,"label":"PERSON"}]}"#
        let record = try ExportRecordReader().read(Array(line.utf8), line: 1).get()
        let tokenized = try TokenizedRecord(record, segmenter: Segmenter())
        #expect(tokenized.sentences == [0..<tokenized.tokens.count])
        #expect(tokenized.entities.count == 1 && tokenized.issues.isEmpty)
    }
}
