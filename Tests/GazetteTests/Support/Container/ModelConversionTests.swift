import Foundation
import Testing
@testable import Gazette

/// The one-off conversion of the shipped models from their version-1 formats to `ResourceContainer`, kept as a
/// test that runs only when asked: `GAZETTE_CONVERT_MODELS=<resource root> swift test --filter ModelConversion`.
/// It reads each model, writes it in the container, reads that back and checks that every decoded value is
/// identical, and only then replaces the file. Files already in the container are left alone.
@Suite("Model conversion")
struct ModelConversionTests {
    static let root = ProcessInfo.processInfo.environment["GAZETTE_CONVERT_MODELS"]

    @Test(.enabled(if: root != nil)) func convertShippedModels() throws {
        let root = try #require(Self.root)
        let entityPath = root + "/Models/entities.nermodel", topicPath = root + "/Models/news-topics.topicmodel"

        let entityBytes = [UInt8](try #require(FileManager.default.contents(atPath: entityPath)))
        if !ResourceContainer.isContainer(entityBytes) {
            let old = try EntitySequenceModel(bytes: entityBytes, file: entityPath)
            let converted = old.serialized()
            let new = try EntitySequenceModel(bytes: converted, file: "converted")
            #expect(new.features().map(\.hash) == old.features().map(\.hash))
            #expect(new.features().map(\.weights) == old.features().map(\.weights))
            #expect(new.transitions == old.transitions && new.recipe == old.recipe)
            #expect(new.calibration.slope == old.calibration.slope && new.calibration.intercept == old.calibration.intercept)
            #expect(new.serialized() == converted)
            try Data(converted).write(to: URL(fileURLWithPath: entityPath), options: .atomic)
        }

        let topicBytes = [UInt8](try #require(FileManager.default.contents(atPath: topicPath)))
        if !ResourceContainer.isContainer(topicBytes) {
            let old = try LinearTopicModel(bytes: topicBytes, file: topicPath)
            let converted = old.serialized()
            let new = try LinearTopicModel(bytes: converted, file: "converted")
            #expect(new.identifier == old.identifier && new.labels == old.labels && new.settings == old.settings)
            #expect(new.temperature == old.temperature && new.threshold == old.threshold)
            #expect(new.recipe.map(\.key) == old.recipe.map(\.key) && new.recipe.map(\.value) == old.recipe.map(\.value))
            #expect(new.scales == old.scales && new.biases == old.biases)
            #expect(new.table.bitmapBytes() == old.table.bitmapBytes() && new.table.rowCount == old.table.rowCount)
            let rows = { (model: LinearTopicModel) in
                Array(model.table.storage[model.table.rowsStart..<(model.table.rowsStart + model.table.rowCount * model.table.rowBytes)])
            }
            #expect(rows(new) == rows(old))
            #expect(new.serialized() == converted)
            try Data(converted).write(to: URL(fileURLWithPath: topicPath), options: .atomic)
        }
    }
}
