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
        // Opening the cache (a checksum and a check of every record) and reading the entity model take about as long
        // as the word lists and the topic model, and none of them needs another: the first two run on another
        // thread meanwhile. Errors come in the order the loads had when they ran one after another.
        let resources = reader.resources, userLists = options.gazetteers, cache = options.gazetteerCache, stampedFiles = stamped
        let entityChoice = options.entityModel
        let background = BackgroundWork { () throws(GazetteError) -> (Gazetteer, Result<EntitySequenceModel?, GazetteError>) in
            let gazetteer = try GazetteerStore.load(resources: resources, userLists: userLists, stampedFiles: stampedFiles, cache: cache,
                                                    segmenter: segmenter).0
            var reader = ResourceReader(resources)
            return (gazetteer, Result { () throws(GazetteError) in try entityModel(entityChoice, &reader) })
        }
        let words: WordLists, topics: TopicClassifier?
        do {
            words = try WordLists.load(from: &reader, segmenter: segmenter)
            topics = try topicClassifier(options, &reader)
        } catch {
            _ = try background.result()  // a gazetteer error comes first
            throw error
        }
        let (gazetteer, entityModelLoad) = try background.result()
        return try Pipeline(stages: [
            segmenter,
            TokenNormalizer(),
            WordListTagger(words: words),
            GazetteerTagger(gazetteer: gazetteer),
            RuleTagger(words: words),
            EntityResolver(linker: NameVariantLinker(stopwords: words.stopwords, givenNamesAfterFamilyName: words.givenNamesAfterFamilyName),
                           editor: EntitySpanEditor(words: words), model: try entityModelLoad.get()),
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
