/// A placeholder topic model: hand-written keyword lists (`Models/placeholder-topics.tsv`), not a trained model.
///
/// A label's score is its share of the document's keyword hits, so scores say "which lists matched most", not a
/// calibrated probability; its identifier says so on every record. Documents with no keyword hit get no topic.
public struct KeywordTopicModel: TopicModel {
    public let identifier = "gazette-placeholder-keywords/0"
    public let labels: [String]
    private let labelOfKeyword: [String: Int]
    /// Labels whose share of hits is below this are left out (the best label is always kept).
    public let threshold: Double

    public init(tsv: String, file: String, threshold: Double = 0.25) throws(GazetteError) {
        var labels: [String] = []
        var labelOfKeyword: [String: Int] = [:]
        for row in try TableFile.rows(tsv, file: file, required: ["label", "keywords"]) {
            guard let label = row["label"], !label.isEmpty else { continue }
            labels.append(String(label))
            for keyword in (row["keywords"] ?? "").split(separator: " ") {
                labelOfKeyword[MatchingKey.fold(String(keyword))] = labels.count - 1
            }
        }
        guard !labels.isEmpty else { throw GazetteError(.resourceMalformed, "\(file): no labels") }
        self.labels = labels
        self.labelOfKeyword = labelOfKeyword
        self.threshold = threshold
    }

    public func topics(for document: Document) -> [Topic] {
        var hits = [Int](repeating: 0, count: labels.count)
        for key in document.tokenKeys {
            if let label = labelOfKeyword[key] { hits[label] += 1 }
        }
        let total = hits.reduce(0, +)
        guard total > 0 else { return [] }
        let ranked = hits.indices.filter { hits[$0] > 0 }.sorted { hits[$0] != hits[$1] ? hits[$0] > hits[$1] : $0 < $1 }
        return ranked.enumerated().compactMap { rank, label in
            let share = Double(hits[label]) / Double(total)
            guard rank == 0 || share >= threshold else { return nil }
            return Topic(label: labels[label], score: (share * 1000).rounded() / 1000)
        }
    }
}
