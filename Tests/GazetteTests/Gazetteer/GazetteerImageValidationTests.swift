import Testing
@_spi(Testing) @testable import Gazette

/// A compiled gazetteer that passes its checksum but holds a wrong number (sealed by another tool, or by a bug) is
/// refused when opened, never read out of bounds or into a NaN prior.
@Suite("Gazetteer image: every record checked")
struct GazetteerImageValidationTests {
    let bytes: [UInt8]

    init() throws {
        let lists = [GazetteerFixture.list(GazetteerFixture.places, "places"), GazetteerFixture.list(GazetteerFixture.people, "people")]
        bytes = try GazetteerCompiler(commonWords: GazetteerFixture.commonWords, segmenter: GazetteerFixture.segmenter)
            .compile(lists, contentHash: 7, manifest: [])
    }

    /// The problem opening the bytes with one word of a section replaced, or nil if they open.
    private func problem(_ word: UInt32, at index: Int, of section: GazetteerLayout.Section) throws -> GazetteerImage.Problem? {
        let poked = try ContainerRewriting.replacing32(word, atWord: index, ofSection: section.name, in: bytes, kind: .gazetteerCache)
        do {
            _ = try GazetteerImage(bytes: poked)
            return nil
        } catch {
            return error
        }
    }

    @Test func theFixtureOpens() throws {
        let image = try GazetteerImage(bytes: bytes)
        #expect(image.entryCount > 10 && image.payloadCount > 10)
    }

    @Test func priorsMustBeFiniteAndInTheUnitInterval() throws {
        // An entry is 40 bytes with its prior (f32) last; a payload 32 bytes with its prior at byte 20.
        let entryPrior = GazetteerLayout.EntryField.prior.rawValue / 4, payloadPrior = 20 / 4
        for value in [Float.nan, .infinity, -0.5, 1.5] {
            #expect(try problem(value.bitPattern, at: entryPrior, of: .entries) == .malformed("entry 0"))
            #expect(try problem(value.bitPattern, at: GazetteerLayout.payloadRecord / 4 + payloadPrior, of: .payloads) == .malformed("payload 1"))
        }
        #expect(try problem(Float(0.25).bitPattern, at: entryPrior, of: .entries) == nil)
    }

    /// The payloads and entries are checked by maxima first and record by record only when one is out of range:
    /// the record-by-record check still decides (-0.0, which the quick check refuses, is a prior) and names the record.
    @Test func theQuickChecksOfPayloadsAndEntriesLeaveTheVerdictToTheFullCheck() throws {
        let image = try GazetteerImage(bytes: bytes)
        let entryWords = GazetteerLayout.entryRecord / 4, payloadWords = GazetteerLayout.payloadRecord / 4
        let entryPrior = GazetteerLayout.EntryField.prior.rawValue / 4, payloadPrior = 20 / 4
        let last = image.entryCount - 1, lastPayload = image.payloadCount - 1
        for value: Float in [-0.0, 0, 1] {
            #expect(try problem(value.bitPattern, at: last * entryWords + entryPrior, of: .entries) == nil)
            #expect(try problem(value.bitPattern, at: lastPayload * payloadWords + payloadPrior, of: .payloads) == nil)
        }
        #expect(try problem(Float(1).nextUp.bitPattern, at: last * entryWords + entryPrior, of: .entries) == .malformed("entry \(last)"))
        // A string reference whose length field ends the strings is inside them; one byte further is not. In every
        // string field of an entry (name to xrefs) and a payload (surface, id, name).
        let lastFits = UInt32(image.stringsLength - 2)
        for field in 0..<7 {
            #expect(try problem(lastFits, at: last * entryWords + field, of: .entries) == nil)
            #expect(try problem(lastFits + 1, at: last * entryWords + field, of: .entries) == .malformed("entry \(last)"))
        }
        for field in [8, 24, 28].map({ $0 / 4 }) {
            #expect(try problem(lastFits, at: lastPayload * payloadWords + field, of: .payloads) == nil)
            #expect(try problem(lastFits + 1, at: lastPayload * payloadWords + field, of: .payloads) == .malformed("payload \(lastPayload)"))
        }
        // The last payload's entry, label and source; the last node's first payload.
        #expect(try problem(UInt32(image.entryCount - 1), at: lastPayload * payloadWords, of: .payloads) == nil)
        #expect(try problem(UInt32(image.entryCount), at: lastPayload * payloadWords, of: .payloads) == .malformed("payload \(lastPayload)"))
        #expect(try problem(UInt32(image.labels.count) << 16, at: lastPayload * payloadWords + 3, of: .payloads)
            == .malformed("payload \(lastPayload)"))
        #expect(try problem(UInt32(image.sources.count), at: lastPayload * payloadWords + 4, of: .payloads) == .malformed("payload \(lastPayload)"))
        #expect(try problem(UInt32(image.payloadCount), at: image.nodeCount, of: .nodes) == nil)
        #expect(try problem(UInt32(image.payloadCount + 1), at: image.nodeCount, of: .nodes)
            == .malformed("trie node \(image.nodeCount) points past the payloads"))
    }

    @Test func referencesMustStayInsideTheirSections() throws {
        let image = try GazetteerImage(bytes: bytes)
        // Entry 0's label and source indices (two u16 in one word), its name string; payload 0's entry.
        #expect(try problem(0xFFFF_FFFF, at: GazetteerLayout.EntryField.label.rawValue / 4, of: .entries) == .malformed("entry 0"))
        #expect(try problem(UInt32(image.stringsLength - 1), at: 0, of: .entries) == .malformed("entry 0"))
        #expect(try problem(UInt32(image.entryCount), at: 0, of: .payloads) == .malformed("payload 0"))
        // A vocabulary key string, a vocabulary root node, and a trie node's first payload.
        #expect(try problem(0x7FFF_0000, at: 0, of: .vocab) == .malformed("vocabulary record 0"))
        #expect(try problem(UInt32(image.nodeCount), at: GazetteerLayout.VocabField.root / 4, of: .vocab) == .malformed("vocabulary record 0"))
        #expect(try problem(UInt32(image.payloadCount + 1), at: 0, of: .nodes) == .malformed("trie node 0 points past the payloads"))
        // A label string reference inside the strings whose length runs past their end.
        let reader = try ResourceContainer.Reader(bytes: bytes, kind: .gazetteerCache, file: "fixture")
        let stringsRange = try #require(reader.range(GazetteerLayout.Section.strings.name))
        let strings = Array(bytes[stringsRange])
        func overruns(_ offset: Int) -> Bool {
            let length = Int(strings[offset]) | Int(strings[offset + 1]) << 8
            return offset + 2 + length > strings.count
        }
        let candidates: [Int] = (0..<(strings.count - 2)).reversed().filter(overruns)
        let overrunning = try #require(candidates.first)
        #expect(try problem(UInt32(overrunning), at: 0, of: .labels) == .malformed("string reference"))
        // Record strings are not read when opening: one whose length runs past the strings is cut at their end.
        let cut = try GazetteerImage(bytes: ContainerRewriting.replacing32(UInt32(overrunning), atWord: 0, ofSection: "entries", in: bytes,
                                                                         kind: .gazetteerCache))
        #expect(cut.stringBytes(UInt32(overrunning)).count == strings.count - overrunning - 2)
        #expect(cut.string(cut.entryField(0, .name))?.utf8.count == strings.count - overrunning - 2)
    }

    @Test func hashTablesMustKeepAFreeSlot() throws {
        // Every vocabulary slot taken: a probe for a missing key would never end.
        let image = try GazetteerImage(bytes: bytes)
        let reader = try ResourceContainer.Reader(bytes: bytes, kind: .gazetteerCache, file: "fixture")
        let slots = try #require(reader.range(GazetteerLayout.Section.slots.name))
        var full = bytes
        for slot in 0..<(slots.count / GazetteerLayout.slotRecord) {
            let field = slots.lowerBound + slot * GazetteerLayout.slotRecord + GazetteerLayout.SlotField.symbolPlusOne
            if full[field..<(field + 4)].allSatisfy({ $0 == 0 }) { full[field] = 1 }
        }
        #expect(image.vocabCount >= 1)
        #expect(throws: GazetteerImage.Problem.malformed("vocabulary table has no free slot")) {
            _ = try GazetteerImage(bytes: ResourceContainerResealing.resealed(full))
        }
    }
}
