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
        let (gazetteer, _) = try GazetteerStore.load(resources: reader.resources, userLists: options.gazetteers, stampedFiles: stamped,
                                                     cache: options.gazetteerCache, segmenter: segmenter)
        let words = try WordLists.load(from: &reader, segmenter: segmenter)

        let topics = try topicClassifier(options, &reader)
        return try Pipeline(stages: [
            segmenter,
            TokenNormalizer(),
            WordListTagger(words: words),
            GazetteerTagger(gazetteer: gazetteer),
            RuleTagger(words: words),
            EntityResolver(linker: NameVariantLinker(stopwords: words.stopwords, givenNamesAfterFamilyName: words.givenNamesAfterFamilyName),
                           editor: EntitySpanEditor(words: words), model: try entityModel(options.entityModel, &reader)),
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
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw GazetteError(.resourceMissing, "cannot read entity model \(path)")
            }
            return try EntitySequenceModel(bytes: [UInt8](bytes), file: path)
        }
    }
}
