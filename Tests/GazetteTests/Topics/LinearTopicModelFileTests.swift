import Foundation
import Testing
@testable import Gazette

@Suite("Topic model file")
struct LinearTopicModelFileTests {
    let model = TopicFixture.shared.with(temperature: 0.8, threshold: 0.3)
    let file = "/models/fixture.topicmodel"

    @Test func roundTripKeepsEverything() throws {
        let bytes = model.serialized()
        let loaded = try LinearTopicModel(bytes: bytes, file: file)
        #expect(loaded.serialized() == bytes)
        #expect(loaded.identifier == "fixture/1" && loaded.labels == TopicFixture.labels)
        #expect(loaded.settings == model.settings && loaded.temperature == 0.8 && loaded.threshold == 0.3)
        #expect(loaded.recipe.map(\.key) == ["command"] && loaded.recipe.first?.value == "test")
        let document = TopicFixture.document("The coach praised the striker")
        #expect(loaded.probabilities(for: document) == model.probabilities(for: document))
        // The text header says what the model is.
        let head = String(decoding: bytes.prefix(400), as: UTF8.self)
        #expect(head.contains("id\tfixture/1\n") && head.contains("label\tscience\n") && head.contains("feature.buckets\t12\n"))
    }

    @Test func anyFlippedByteIsCaught() throws {
        let bytes = model.serialized()
        for position in [12, bytes.count / 3, bytes.count / 2, bytes.count - 20, bytes.count - 1] {
            var corrupt = bytes
            corrupt[position] ^= 0x10
            #expect { try LinearTopicModel(bytes: corrupt, file: file) } throws: { error in
                let error = error as? GazetteError
                return error?.code == .resourceMalformed && error?.message.hasPrefix(file + ":") == true
            }
        }
    }

    @Test func truncatedForeignAndNewerFilesFailWithTheirName() throws {
        let bytes = model.serialized()
        func message(_ bytes: [UInt8]) -> String {
            do {
                _ = try LinearTopicModel(bytes: bytes, file: file)
                return "loaded"
            } catch {
                #expect(error.code == .resourceMalformed)
                return error.message
            }
        }
        #expect(message(Array(bytes.prefix(bytes.count - 100))).contains("truncated"))
        #expect(message(Array(bytes.prefix(10))) == "\(file): truncated header")
        #expect(message(Array("GZTOP".utf8)) == "\(file): not a Gazette topic model (it does not start with the topic model signature)")
        #expect(message(Array("GZNERM1\n".utf8) + bytes.dropFirst(8)).contains("not a Gazette topic model"))
        #expect(message([]).contains(file))
        var newer = ResourceContainer.Writer(kind: .topicModel, version: 5)
        newer.add("header", [])
        #expect(message(newer.bytes()).contains("format version 5 is not supported"))
        #expect(message(ResourceContainer.Writer(kind: .entityModel, version: 2).bytes()).contains("not a TOPICMOD file"))
    }

    /// Scales, biases and temperature that are NaN, infinite or absurd (in a sealed file, as another tool would
    /// write it) are refused when loaded, naming the file and the label.
    @Test func nonFiniteOrHugeNumbersAreRefused() throws {
        let bytes = model.serialized()
        // The index section: u32 row count, the bucket bitmap, then f32 scale per label, f32 bias per label.
        let firstScale = 1 + model.settings.bucketCount / 8 / 4
        func refusal(_ word: UInt32, at index: Int) throws -> String? {
            let poked = try ContainerRewriting.replacing32(word, atWord: index, ofSection: "index", in: bytes, kind: .topicModel)
            do {
                _ = try LinearTopicModel(bytes: poked, file: file)
                return nil
            } catch {
                #expect(error.code == .resourceMalformed)
                return error.message
            }
        }
        #expect(try refusal(Float.nan.bitPattern, at: firstScale + 1)?.hasPrefix("\(file): the scale of label 'science' is nan") == true)
        #expect(try refusal(Float.infinity.bitPattern, at: firstScale)?.contains("scale of label 'politics' is inf") == true)
        #expect(try refusal(Float(-1).bitPattern, at: firstScale)?.contains("scale of label 'politics'") == true)
        #expect(try refusal(Float.nan.bitPattern, at: firstScale + 3 + 2)?.contains("the bias of label 'sport' is nan") == true)
        #expect(try refusal(Float(1e20).bitPattern, at: firstScale + 3)?.contains("bias of label 'politics'") == true)
        #expect(try refusal(Float(0.25).bitPattern, at: firstScale + 3) == nil)
        // The temperature is text in the header, as the writer prints it: "nan", "inf" and 1e300 are refused.
        for temperature in [Double.nan, .infinity, 1e300] {
            #expect { try LinearTopicModel(bytes: model.with(temperature: temperature).serialized(), file: file) } throws: { error in
                (error as? GazetteError)?.message.hasPrefix("\(file): temperature missing, or not a finite number") == true
            }
        }
    }

    @Test func aMissingFileIsResourceMissing() {
        #expect { try LinearTopicModel(contentsOf: "/nonexistent/topics.topicmodel") } throws: { error in
            (error as? GazetteError)?.code == .resourceMissing && (error as? GazetteError)?.message.contains("/nonexistent/topics.topicmodel") == true
        }
    }

    @Test func settingsRoundTripAndRejectNonsense() throws {
        var settings = TopicFeatureSettings()
        settings.characterNGrams = 3...5
        settings.entities = .ids
        settings.maxWords = 200
        let pairs = Dictionary(uniqueKeysWithValues: settings.pairs)
        #expect(try TopicFeatureSettings(pairs: pairs) == settings)
        var bad = pairs
        bad["buckets"] = "40"
        #expect(throws: GazetteError.self) { try TopicFeatureSettings(pairs: bad) }
        bad = pairs
        bad.removeValue(forKey: "entities")
        #expect(throws: GazetteError.self) { try TopicFeatureSettings(pairs: bad) }
    }
}
