import Foundation
import Testing
@testable import Gazette

/// The compiled cache: used when current, rebuilt when an input changes, never trusted when damaged.
@Suite("Gazetteer cache")
struct GazetteerStoreTests {
    /// A resource folder with a small gazetteer and a cache folder, removed afterwards.
    final class Workspace {
        let root: URL
        var resources: ResourceDirectory { ResourceDirectory(root: root.path) }
        var cache: GazetteerCache { .directory(root.appendingPathComponent("cache").path) }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-gazetteer-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("Gazetteers"), withIntermediateDirectories: true)
            try write("Gazetteers/places.tsv", "name\tlabel\tid\taliases\tprior\nXinjiang\tLOC\tQ34800\t\t0.95\n")
            try write("Gazetteers/people.tsv", "name\tlabel\tid\nAntony Blinken\tPERSON\tQ7364\n")
            try write("Gazetteers/titles.txt", "Secretary of State\n")
            try write("Gazetteers/common-words.txt", "nice\n")
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func write(_ path: String, _ text: String) throws {
            try text.write(to: root.appendingPathComponent(path), atomically: false, encoding: .utf8)
        }

        func load(_ userLists: [String] = []) throws -> (Gazetteer, GazetteerStore.Report) {
            try GazetteerStore.load(resources: resources, userLists: userLists, cache: cache, segmenter: GazetteerFixture.segmenter)
        }

        var cacheFile: String {
            get throws { try #require(try load().1.cachePath) }
        }
    }

    private func names(_ text: String, _ gazetteer: Gazetteer) throws -> [String] {
        try GazetteerFixture.texts(text, gazetteer)
    }

    @Test func compilesOnceThenLoadsFromTheCache() throws {
        let workspace = try Workspace()
        let (first, report) = try workspace.load()
        #expect(report.origin == .compiled(reason: "no cache file") && report.cacheWritten)
        let (second, again) = try workspace.load()
        #expect(again.origin == .cache)
        #expect(second.contentHash == first.contentHash && second.entryCount == 2)
        #expect(try names("Antony Blinken visited Xinjiang.", second) == ["Antony Blinken", "Xinjiang"])
    }

    @Test func aTSVEditRebuildsTheCache() throws {
        let workspace = try Workspace()
        let (before, _) = try workspace.load()
        try workspace.write("Gazetteers/places.tsv", "name\tlabel\tid\taliases\tprior\nXinjiang\tLOC\tQ34800\tSinkiang\t0.95\nKabul\tLOC\tQ5838\t\t0.95\n")
        let (after, report) = try workspace.load()
        #expect(report.origin == .compiled(reason: "inputs changed"))
        #expect(after.contentHash != before.contentHash)
        #expect(try names("From Kabul to Sinkiang.", after) == ["Kabul", "Sinkiang"])
        #expect(try workspace.load().1.origin == .cache)
    }

    @Test func aNewListOrAWordListEditIsNoticed() throws {
        let workspace = try Workspace()
        let (before, _) = try workspace.load()
        // A word list shapes the output but not the compiled lists: same lists, new hash.
        try workspace.write("Gazetteers/titles.txt", "Secretary of State\nMinister\n")
        let (restamped, report) = try workspace.load()
        #expect(report.origin == .restamped)
        #expect(restamped.contentHash != before.contentHash && restamped.entryCount == before.entryCount)
        try workspace.write("Gazetteers/organizations.tsv", "name\tlabel\tid\nState Department\tORG\tQ789915\n")
        let (grown, added) = try workspace.load()
        #expect(added.origin == .compiled(reason: "inputs changed") && grown.entryCount == 3)
    }

    @Test func touchingWithoutChangingKeepsTheHash() throws {
        let workspace = try Workspace()
        let (before, _) = try workspace.load()
        let path = workspace.root.appendingPathComponent("Gazetteers/places.tsv").path
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: path)
        let (after, report) = try workspace.load()
        #expect(report.origin == .restamped && after.contentHash == before.contentHash)
    }

    @Test func anEditKeepingSizeAndModificationTimeIsNoticed() throws {
        let workspace = try Workspace()
        let (before, _) = try workspace.load()
        let path = workspace.root.appendingPathComponent("Gazetteers/places.tsv").path
        var original = stat()
        try #require(stat(path, &original) == 0)
        // Same length, written in place (same inode), then the old access and modification times put back.
        try workspace.write("Gazetteers/places.tsv", "name\tlabel\tid\taliases\tprior\nKandahar\tLOC\tQ34800\t\t0.95\n")
        var times = [original.st_atim, original.st_mtim]
        try #require(utimensat(AT_FDCWD, path, &times, 0) == 0)
        var edited = stat()
        try #require(stat(path, &edited) == 0)
        #expect(edited.st_size == original.st_size && edited.st_ino == original.st_ino)
        #expect(edited.st_mtim.tv_sec == original.st_mtim.tv_sec && edited.st_mtim.tv_nsec == original.st_mtim.tv_nsec)

        let (after, report) = try workspace.load()
        #expect(report.origin == .compiled(reason: "inputs changed"))
        #expect(after.contentHash != before.contentHash)
        #expect(try names("From Kandahar, not Xinjiang.", after) == ["Kandahar"])
        #expect(try workspace.load().1.origin == .cache)
    }

    @Test(arguments: ["flip a byte", "truncate", "garbage", "empty", "other version"])
    func aDamagedCacheIsDetectedAndRebuilt(damage: String) throws {
        let workspace = try Workspace()
        let (good, _) = try workspace.load()
        let file = try workspace.cacheFile
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        switch damage {
        case "flip a byte": bytes[bytes.count / 2] ^= 0x20
        case "truncate": bytes.removeLast(bytes.count / 3)
        case "garbage": bytes = Array("not a gazetteer at all".utf8)
        case "empty": bytes = []
        default: bytes[ResourceContainer.versionOffset] &+= 1
        }
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let (rebuilt, report) = try workspace.load()
        guard case let .compiled(reason) = report.origin else {
            Issue.record("a damaged cache was used (\(damage))")
            return
        }
        #expect(reason.hasPrefix("cache file"))
        #expect(rebuilt.contentHash == good.contentHash)
        #expect(try names("Antony Blinken visited Xinjiang.", rebuilt) == ["Antony Blinken", "Xinjiang"])
        #expect(try workspace.load().1.origin == .cache)
    }

    @Test func everyByteOfTheFileIsChecked() throws {
        let workspace = try Workspace()
        _ = try workspace.load()
        let file = try workspace.cacheFile
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        // Any single flipped byte, header or body, is refused (sampled across the file).
        for offset in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            var damaged = bytes
            damaged[offset] ^= 0x01
            #expect(throws: GazetteerImage.Problem.self) { _ = try GazetteerImage(bytes: damaged) }
        }
        #expect(try GazetteerImage(bytes: bytes).entryCount == 2)
    }

    @Test func userListsAreAnOverlayThatJoinsTheHash() throws {
        let workspace = try Workspace()
        let (shipped, _) = try workspace.load()
        let list = workspace.root.appendingPathComponent("mine.jsonl").path
        try workspace.write("mine.jsonl", #"{"label": "ORG", "pattern": "Asian Lite News", "id": "asian-lite"}"# + "\n"
                            + #"{"label": "ORG", "pattern": "Xinjiang", "id": "xinjiang-fc"}"# + "\n")
        let (withList, report) = try workspace.load([list])
        #expect(report.origin == .cache)  // the shipped lists still come from the cache
        #expect(withList.contentHash != shipped.contentHash && withList.entryCount == 4)
        let found = try GazetteerFixture.candidates("Asian Lite News reported from Xinjiang.", withList)
        #expect(found.map(\.id) == ["asian-lite", "xinjiang-fc"])  // the user's Xinjiang shadows the shipped one
        #expect(try withList.lookup("Xinjiang", segmenter: GazetteerFixture.segmenter).map(\.entry.source) == ["gazetteer:mine", "gazetteer:places"])
        #expect(try workspace.load([list]).0.contentHash == withList.contentHash)
    }

    @Test func userListErrorsNameTheFile() throws {
        let workspace = try Workspace()
        let list = workspace.root.appendingPathComponent("mine.jsonl").path
        try workspace.write("mine.jsonl", "{\"label\": \"ORG\"}\n")
        #expect { try workspace.load([list]) } throws: { ($0 as? GazetteError)?.message.contains("mine.jsonl line 1: missing \"pattern\"") == true }
        #expect { try workspace.load(["/nonexistent/list.tsv"]) } throws: {
            ($0 as? GazetteError)?.code == .resourceMissing && ($0 as? GazetteError)?.message.contains("/nonexistent/list.tsv") == true
        }
    }

    @Test func theStampIsTheContentHash() throws {
        let workspace = try Workspace()
        try workspace.write("Gazetteers/abbreviations.tsv", "abbreviation\tclass\nMr.\ttitle\n")
        try workspace.write("Gazetteers/capitalized-stopwords.txt", "The\n")
        try workspace.write("Gazetteers/first-names.txt", "Antony\n")
        try workspace.write("Gazetteers/org-keywords.tsv", "word\tposition\tlabel\nDepartment\tsuffix\tORG\n")
        try workspace.write("Gazetteers/location-keywords.tsv", "word\tposition\tlabel\nProvince\tsuffix\tLOC\n")
        try FileManager.default.createDirectory(at: workspace.root.appendingPathComponent("Models"), withIntermediateDirectories: true)
        var options = PipelineOptions()
        options.topicModel = .none
        options.gazetteerCache = workspace.cache
        options.entityModel = .none
        let pipeline = try Pipeline.standard(resources: workspace.resources, options: options)
        let (gazetteer, _) = try GazetteerStore.load(resources: workspace.resources, stampedFiles: GazetteerStore.files(in: "Models", of: workspace.resources),
                                                     cache: workspace.cache, segmenter: GazetteerFixture.segmenter)
        #expect(pipeline.stamp == "\(GazetteLibrary.version)+gaz.\(gazetteer.contentHash)")
        #expect(gazetteer.contentHash.count == 12)
    }
}
