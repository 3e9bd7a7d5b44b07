extension Pipeline {
    /// The standard chain — segmenter, normaliser, gazetteer, rules, resolver, topics — with the resources in
    /// `resources` (found with `ResourceDirectory.locate()` when nil). Loading takes a moment: build once, share.
    public static func standard(resources: ResourceDirectory? = nil, options: PipelineOptions = PipelineOptions()) throws(GazetteError) -> Pipeline {
        var reader: ResourceReader
        if let resources { reader = ResourceReader(resources) } else { reader = ResourceReader(try ResourceDirectory.locate()) }
        func read(_ path: String) throws(GazetteError) -> String { try reader.text(path) }

        var abbreviations: [String: AbbreviationList.Kind] = [:]
        for row in try TableFile.rows(try read("Gazetteers/abbreviations.tsv"), file: "Gazetteers/abbreviations.tsv", required: ["abbreviation", "class"]) {
            guard let abbreviation = row["abbreviation"], let kind = row["class"].flatMap({ AbbreviationList.Kind(rawValue: String($0)) }) else {
                throw GazetteError(.resourceMalformed, "Gazetteers/abbreviations.tsv: bad row \(row)")
            }
            abbreviations[abbreviation.lowercased()] = kind
        }
        let starters = Set(TableFile.lines(try read("Gazetteers/capitalized-stopwords.txt")).map { $0.lowercased() })
        let segmenter = Segmenter(abbreviations: AbbreviationList(abbreviations), sentenceStarters: starters)

        var gazetteer = Gazetteer()
        for file in reader.resources.files(in: "Gazetteers", withSuffix: ".tsv") {
            let path = "Gazetteers/" + file
            let text = try read(path)
            guard text.split(separator: "\n").first(where: { !$0.hasPrefix("#") })?.hasPrefix("name\tlabel") == true else { continue }
            try gazetteer.addList(text, source: "gazetteer:" + file.dropLast(4), file: path, segmenter: segmenter)
        }
        let words = try WordLists.load(from: &reader, segmenter: segmenter)

        let model: any TopicModel
        if let topicModel = options.topicModel {
            model = topicModel
        } else {
            model = try KeywordTopicModel(tsv: try read("Models/placeholder-topics.tsv"), file: "Models/placeholder-topics.tsv")
        }
        return try Pipeline(stages: [
            segmenter,
            TokenNormalizer(),
            GazetteerTagger(gazetteer: gazetteer),
            RuleTagger(words: words),
            EntityResolver(linker: NameVariantLinker(stopwords: words.stopwords)),
            TopicClassifier(model: model, limit: options.topicLimit),
        ], resourceHash: reader.digest)
    }
}
