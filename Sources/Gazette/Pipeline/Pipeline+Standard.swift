#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Pipeline {
    /// The standard chain — segmenter, normaliser, gazetteer, rules, resolver, topics — with the resources in
    /// `resources` (found with `ResourceDirectory.locate()` when nil). Loading takes a moment: build once, share.
    public static func standard(resources: ResourceDirectory? = nil, options: PipelineOptions = PipelineOptions()) throws(GazetteError) -> Pipeline {
        var reader: ResourceReader
        if let resources { reader = ResourceReader(resources) } else { reader = ResourceReader(try ResourceDirectory.locate()) }
        func read(_ path: String) throws(GazetteError) -> String { try reader.text(path) }

        let segmenter = try Segmenter.standard(&reader)

        // Compiled once and cached, with the provenance of every resource (gazetteers, word lists, user lists,
        // models): the stamp.
        var stamped = GazetteerStore.files(in: "Models", of: reader.resources)
        if case let .file(path) = options.entityModel { stamped.append(path) }
        if case let .file(path) = options.topicModel { stamped.append(path) }
        // Opening the cache (a checksum and a check of every record) takes as long as everything below it, and
        // neither needs the other: it runs on another thread meanwhile.
        let resources = reader.resources, userLists = options.gazetteers, cache = options.gazetteerCache, stampedFiles = stamped
        let gazetteerLoad = BackgroundWork { () throws(GazetteError) -> Gazetteer in
            try GazetteerStore.load(resources: resources, userLists: userLists, stampedFiles: stampedFiles, cache: cache, segmenter: segmenter).0
        }
        let words: WordLists, topics: TopicClassifier?, entityModel: EntitySequenceModel?
        do {
            words = try WordLists.load(from: &reader, segmenter: segmenter)
            topics = try topicClassifier(options, &reader)
            entityModel = try Self.entityModel(options.entityModel, &reader)
        } catch {
            _ = try gazetteerLoad.result()  // the gazetteer's error first, as when the loads ran one after another
            throw error
        }
        let gazetteer = try gazetteerLoad.result()
        return try Pipeline(stages: [
            segmenter,
            TokenNormalizer(),
            WordListTagger(words: words),
            GazetteerTagger(gazetteer: gazetteer),
            RuleTagger(words: words),
            EntityResolver(linker: NameVariantLinker(stopwords: words.stopwords, givenNamesAfterFamilyName: words.givenNamesAfterFamilyName),
                           editor: EntitySpanEditor(words: words), model: entityModel),
        ] + (topics.map { [$0] } ?? []), resourceHash: gazetteer.provenance.digest)
    }

    /// The entity model (its bytes count in the stamp as a stamped file of the gazetteer store).
    private static func entityModel(_ choice: PipelineOptions.EntityModelChoice, _ reader: inout ResourceReader) throws(GazetteError) -> EntitySequenceModel? {
        switch choice {
        case .none:
            return nil
        case .shipped:
            let path = "Models/entities.nermodel"
            guard reader.exists(path) else { return nil }
            return try EntitySequenceModel(bytes: try reader.data(path), file: reader.resources.root + "/" + path)
        case let .file(path):
            guard let bytes = GazetteerFiles.read(path) else {
                throw GazetteError(.resourceMissing, "cannot read entity model \(path)")
            }
            return try EntitySequenceModel(bytes: bytes, file: path)
        }
    }
}
