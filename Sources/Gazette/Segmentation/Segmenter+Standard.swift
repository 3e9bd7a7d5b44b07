extension Segmenter {
    /// The segmenter of the standard pipeline, with `Gazetteers/abbreviations.tsv` and the sentence starters of
    /// `Gazetteers/capitalized-stopwords.txt`.
    public static func standard(_ reader: inout ResourceReader) throws(GazetteError) -> Segmenter {
        let file = "Gazetteers/abbreviations.tsv"
        var abbreviations: [String: AbbreviationList.Kind] = [:]
        for row in try TableFile.rows(try reader.text(file), file: file, required: ["abbreviation", "class"]) {
            guard let abbreviation = row["abbreviation"], let kind = row["class"].flatMap({ AbbreviationList.Kind(rawValue: String($0)) }) else {
                throw GazetteError(.resourceMalformed, "\(file): bad row \(row)")
            }
            abbreviations[abbreviation.lowercased()] = kind
        }
        let starters = Set(TableFile.lines(try reader.text("Gazetteers/capitalized-stopwords.txt")).map { $0.lowercased() })
        return Segmenter(abbreviations: AbbreviationList(abbreviations), sentenceStarters: starters)
    }
}
