import FuzzSupport
@_spi(Testing) import Gazette
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Raw bytes as a resource file a user can point Gazette at (or a cache file on disk another process may have
/// damaged). The first byte chooses the loader (its low bits) and, with bit 3 set, rewrites a binary file's size and
/// checksum to match (so that mutations reach the loader's own checks, not only the checksum); the rest is the file. A file must either load and then work (annotate
/// a sentence with finite scores and a well-formed record), or be rejected with an error: never trap or hang.
private func fuzzResources(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    guard size >= 1 else { return 0 }
    let all = UnsafeRawBufferPointer(start: data, count: size)
    let selector = all[0]
    let file = UnsafeRawBufferPointer(rebasing: all[1...])
    let resealing = selector & 0x08 != 0
    func binary() -> [UInt8] { resealing ? ResourceContainerResealing.resealed([UInt8](file)) : [UInt8](file) }
    switch (selector & 0x07) % 6 {
    case 0: entityModel(binary())
    case 1: topicModel(binary())
    case 2: _ = try? TopicLabelMap(json: [UInt8](file), file: "fuzz.labels.json")
    case 3: userList(file, named: "user.tsv")
    case 4: userList(file, named: "patterns.jsonl")
    default: binary().withUnsafeBytes { gazetteerCache($0) }
    }
    return 0
}

/// The sentence a loaded resource is tried on.
private let sample = "Antony Blinken met officials of the State Department in Washington on Tuesday; shares rose 2%."

private func annotate(with stages: [any Stage]) {
    guard let pipeline = try? Pipeline(stages: stages, resourceHash: nil),
          let document = try? pipeline.annotate(sample, id: "fuzz") else { return }
    FuzzSupport.check(document)
    FuzzSupport.check(line: FuzzSupport.writer.record(for: document))
}

private func entityModel(_ bytes: [UInt8]) {
    guard let model = try? EntitySequenceModel(bytes: bytes, file: "fuzz.nermodel") else { return }
    annotate(with: FuzzSupport.pipeline.stages.map { stage in
        stage is EntityResolver ? EntityResolver(linker: NameVariantLinker(), model: model) : stage
    })
}

private func topicModel(_ bytes: [UInt8]) {
    guard let model = try? LinearTopicModel(bytes: bytes, file: "fuzz.topicmodel") else { return }
    annotate(with: FuzzSupport.pipeline.stages.map { stage in
        stage is TopicClassifier ? TopicClassifier(model: model, limit: 3, evidence: 3) : stage
    })
}

/// A small resource folder (the first entries of the shipped people list), so that compiling it after a rejected
/// cache file takes a millisecond, not the seconds the shipped gazetteers take.
private let tinyResources: ResourceDirectory = {
    let root = FuzzSupport.scratch + "/resources"
    mkdir(root, 0o700)
    mkdir(root + "/Gazetteers", 0o700)
    let shipped = (try? ResourceDirectory.locate().root) ?? ""
    let people = (try? ResourceDirectory(root: shipped).text("Gazetteers/people.tsv")) ?? ""
    let head = people.split(separator: "\n", omittingEmptySubsequences: false).prefix(40).joined(separator: "\n") + "\n"
    head.utf8CString.withUnsafeBytes { bytes in
        FuzzSupport.write(UnsafeRawBufferPointer(rebasing: bytes.dropLast()), to: root + "/Gazetteers/people.tsv")
    }
    return ResourceDirectory(root: root)
}()

private let cacheFolder = FuzzSupport.scratch + "/cache"

/// The cache file the tiny resources compile to, found after the first load writes it.
private let cacheFile: String = {
    _ = try? GazetteerStore.load(resources: tinyResources, cache: .directory(cacheFolder), segmenter: Segmenter())
    let names = (try? FileManager.default.contentsOfDirectory(atPath: cacheFolder)) ?? []
    guard let name = names.first(where: { !$0.hasSuffix(".lock") && !$0.hasPrefix(".") }) else {
        fatalError("fuzz harness: no gazetteer cache file written in \(cacheFolder)")
    }
    return cacheFolder + "/" + name
}()

private func tagged(with gazetteer: Gazetteer) {
    annotate(with: [Segmenter(), TokenNormalizer(), GazetteerTagger(gazetteer: gazetteer)])
}

private func userList(_ bytes: UnsafeRawBufferPointer, named name: String) {
    let path = FuzzSupport.scratch + "/" + name
    FuzzSupport.write(bytes, to: path)
    guard let (gazetteer, _) = try? GazetteerStore.load(resources: tinyResources, userLists: [path], cache: .directory(cacheFolder),
                                                        segmenter: Segmenter()) else { return }
    tagged(with: gazetteer)
}

private func gazetteerCache(_ bytes: UnsafeRawBufferPointer) {
    FuzzSupport.write(bytes, to: cacheFile)
    guard let (gazetteer, _) = try? GazetteerStore.load(resources: tinyResources, cache: .directory(cacheFolder),
                                                        segmenter: Segmenter()) else { return }
    tagged(with: gazetteer)
}

FuzzSupport.run { data, size in fuzzResources(data, size) }
