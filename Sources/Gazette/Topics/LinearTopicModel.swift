#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A trained linear topic model: multinomial logistic regression over hashed word, word-pair (and optionally
/// character n-gram and entity) features, with temperature-scaled probabilities.
///
/// Every label whose probability reaches `threshold` is reported, best first, and always the best one. Weights
/// are stored as 8-bit integers with one scale per class, which keeps the file small and the table cache-friendly.
///
/// The weights may be for finer classes than the topics (`classes`): a data set's own labels, such as a news
/// site's TRAVEL, STYLE and FOOD & DRINK sections under `lifestyle`, are each easier to tell apart by words than
/// their union. The softmax is over the classes, and a topic's probability is the sum of its classes'. Without
/// finer classes each topic is its own class. A sum over many classes gathers mass from text unlike any of them,
/// so `classCountCorrection` (α) can divide each class's share by (its topic's class count)^α before normalising.
/// How much a sum gathers depends on the text: a headline has a few words, most of them telling, while a long
/// post is a mixture that every class matches in part. So the correction can differ with length
/// (`longTextClassCountCorrection`): a headline's α for texts of up to `shortTextWords` words, the long-text α
/// from `longTextWords` on, and a linear mix between.
public struct LinearTopicModel: TopicModel {
    /// Written on every record as `topic_model`.
    public let identifier: String
    /// The topic labels.
    public let labels: [String]
    /// The classes the weights are for, in weight order, each with the index of its topic in `labels`.
    public let classes: [(name: String, topic: Int)]
    /// Whether the weights are for finer classes than the topics.
    public let hasFinerClasses: Bool
    /// Turns documents into the features the weights are for.
    public let extractor: TopicFeatureExtractor
    /// Weights and idf per hash bucket (see `TopicWeightTable`).
    let table: TopicWeightTable
    /// Per class: the factor that turns its stored 8-bit weights into real ones, and its bias.
    let scales: [Float]
    let biases: [Float]
    /// Logits are divided by this before the softmax; fitted on validation data so that scores are calibrated.
    public let temperature: Double
    /// α: each class's probability is divided by (the number of classes under its topic)^α before the softmax is
    /// normalised, so that a topic with many classes does not win on their sum alone (0: plain sum; 1: a topic
    /// scores the mean of its classes' shares). Only models with finer classes use it.
    public let classCountCorrection: Double
    /// α for texts of `longTextWords` words or more (nil: `classCountCorrection` at every length).
    public let longTextClassCountCorrection: Double?
    /// Up to this many words (and numbers) a text takes `classCountCorrection`: a headline (the bound of the
    /// length feature's first class).
    public static let shortTextWords = TopicFeatureExtractor.lengthClassBounds[0]
    /// From this many words on a text takes `longTextClassCountCorrection`: more than a paragraph (the bound of the
    /// length feature's last class).
    public static let longTextWords = TopicFeatureExtractor.lengthClassBounds[1]
    /// Per class: log(its topic's class count), which α multiplies; empty when no correction is used.
    private let classLogCounts: [Double]
    /// Labels other than the best one are reported when their probability reaches this.
    public let threshold: Double
    /// How the model was made: command, data, seed, hyper-parameters, validation figures.
    public let recipe: [(key: String, value: String)]
    /// Pretrained word vectors whose document average is a dense feature beside the hashed ones (nil: none).
    public let wordVectors: TopicWordVectors?

    /// The feature settings the model was trained with.
    public var settings: TopicFeatureSettings { extractor.settings }
    /// The layers its features are read from.
    public var requiredLayers: Set<Layer> { extractor.requiredLayers }

    /// A model from dense weights (`weights[bucket * classCount + class]`) and per-bucket idf (0: unseen); with
    /// `classes` nil, each label is its own class.
    package init(identifier: String, labels: [String], classes: [(name: String, topic: Int)]? = nil, settings: TopicFeatureSettings, weights: [Int8],
                 idf: [Float], scales: [Float], biases: [Float], temperature: Double, threshold: Double, recipe: [(key: String, value: String)],
                 wordVectors: TopicWordVectors? = nil, classCountCorrection: Double = 0, longTextClassCountCorrection: Double? = nil) {
        let classes = classes ?? Self.ownClasses(labels)
        precondition(idf.count == settings.bucketCount && weights.count == settings.bucketCount * classes.count)
        self.init(identifier: identifier, labels: labels, classes: classes, settings: settings,
                  table: TopicWeightTable(weights: weights, idf: idf, labelCount: classes.count), scales: scales, biases: biases,
                  temperature: temperature, threshold: threshold, recipe: recipe, wordVectors: wordVectors, classCountCorrection: classCountCorrection,
                  longTextClassCountCorrection: longTextClassCountCorrection)
    }

    package init(identifier: String, labels: [String], classes: [(name: String, topic: Int)]? = nil, settings: TopicFeatureSettings,
                 table: TopicWeightTable, scales: [Float], biases: [Float], temperature: Double, threshold: Double,
                 recipe: [(key: String, value: String)], wordVectors: TopicWordVectors? = nil, classCountCorrection: Double = 0,
                 longTextClassCountCorrection: Double? = nil) {
        let classes = classes ?? Self.ownClasses(labels)
        precondition(classes.allSatisfy { labels.indices.contains($0.topic) })
        precondition(wordVectors == nil || wordVectors?.labelCount == classes.count)
        precondition(table.labelCount == classes.count && table.bucketCount == settings.bucketCount)
        precondition(scales.count == classes.count && biases.count == classes.count)
        precondition(classCountCorrection.isFinite && classCountCorrection >= 0)
        precondition(longTextClassCountCorrection.map { $0.isFinite && $0 >= 0 } ?? true)
        self.identifier = identifier
        self.labels = labels
        self.classes = classes
        hasFinerClasses = classes.count != labels.count || classes.enumerated().contains { $0.offset != $0.element.topic || $0.element.name != labels[$0.offset] }
        self.extractor = TopicFeatureExtractor(settings: settings, wordVectors: wordVectors)
        self.table = table
        self.scales = scales
        self.biases = biases
        self.temperature = temperature
        self.threshold = threshold
        self.recipe = recipe
        self.wordVectors = wordVectors
        self.classCountCorrection = classCountCorrection
        // A long-text α equal to the headline's is no length dependence at all.
        self.longTextClassCountCorrection = longTextClassCountCorrection == classCountCorrection ? nil : longTextClassCountCorrection
        if hasFinerClasses && (classCountCorrection != 0 || (longTextClassCountCorrection ?? 0) != 0) {
            var perTopic = [Int](repeating: 0, count: labels.count)
            for item in classes { perTopic[item.topic] += 1 }
            classLogCounts = classes.map { log(Double(perTopic[$0.topic])) }
        } else {
            classLogCounts = []
        }
    }

    /// Each label as its own class.
    static func ownClasses(_ labels: [String]) -> [(name: String, topic: Int)] {
        labels.enumerated().map { ($1, $0) }
    }


    /// The weight of class `column` for `bucket`, as stored (0 for a bucket never seen in training).
    func weight(_ bucket: Int, _ column: Int) -> Float {
        guard let row = table.row(bucket) else { return 0 }
        return Float(Int8(bitPattern: table.storage[row + column])) * scales[column]
    }

    /// The same model with other calibration, threshold, recipe or class-count corrections (`longTextClassCountCorrection`
    /// nil keeps the model's; to drop a long-text α, pass the headline's).
    package func with(temperature: Double? = nil, threshold: Double? = nil, recipe: [(key: String, value: String)]? = nil,
                      classCountCorrection: Double? = nil, longTextClassCountCorrection: Double? = nil) -> LinearTopicModel {
        LinearTopicModel(identifier: identifier, labels: labels, classes: classes, settings: settings, table: table, scales: scales, biases: biases,
                         temperature: temperature ?? self.temperature, threshold: threshold ?? self.threshold, recipe: recipe ?? self.recipe,
                         wordVectors: wordVectors, classCountCorrection: classCountCorrection ?? self.classCountCorrection,
                         longTextClassCountCorrection: longTextClassCountCorrection ?? self.longTextClassCountCorrection)
    }

    /// The class-count correction α for a text of `words` words and numbers: the headline's up to
    /// `shortTextWords`, the long-text one from `longTextWords`, a linear mix between.
    public func classCountCorrection(forWords words: Int) -> Double {
        guard let long = longTextClassCountCorrection else { return classCountCorrection }
        let share = Double(min(max(words - Self.shortTextWords, 0), Self.longTextWords - Self.shortTextWords))
            / Double(Self.longTextWords - Self.shortTextWords)
        return classCountCorrection + (long - classCountCorrection) * share
    }

    /// The document's words and numbers as the correction reads them: counted only when the correction depends
    /// on length, and only up to `longTextWords`.
    private func words(in document: Document) -> Int {
        longTextClassCountCorrection == nil ? 0 : TopicFeatureExtractor.wordCount(of: document, upTo: Self.longTextWords)
    }

    // MARK: Scoring

    /// The weighted feature vector of a document, as the model sees it.
    public func vector(for document: Document) -> TopicFeatureVector {
        vector(for: counts(of: document))
    }

    /// The document's feature counts, with its dense word-vector features when the model has word vectors.
    public func counts(of document: Document) -> TopicFeatureCounts {
        var counts = extractor.counts(of: document)
        if let wordVectors { counts.dense = wordVectors.features(of: document) }
        counts.words = TopicFeatureExtractor.wordCount(of: document, upTo: Self.longTextWords)
        return counts
    }

    /// Weights feature counts with the stored idf (see `TopicFeatureVector`); unseen buckets are dropped.
    public func vector(for counts: TopicFeatureCounts) -> TopicFeatureVector {
        let table = table
        var vector = TopicFeatureVector(counts) { bucket in table.row(Int(bucket)).map { table.idf(atRow: $0) } ?? 0 }
        vector.dense = counts.dense
        vector.words = counts.words
        return vector
    }

    /// The scoring loops over this model's weights.
    private var kernel: TopicLogitsKernel {
        TopicLogitsKernel(table: table, scales: scales, biases: biases)
    }

    /// Raw scores (before temperature and softmax), one per class.
    public func logits(for vector: TopicFeatureVector) -> [Double] {
        var logits = kernel.logits(for: vector)
        wordVectors?.addLogits(of: vector.dense, to: &logits)
        return logits
    }

    /// Raw scores straight from feature counts: the same as `logits(for: vector(for: counts))` up to rounding.
    public func logits(for counts: TopicFeatureCounts) -> [Double] {
        var logits = kernel.logits(for: counts)
        wordVectors?.addLogits(of: counts.dense, to: &logits)
        return logits
    }

    /// Raw scores of a document, from the counts of its features that have weights.
    private func logits(for document: Document) -> [Double] {
        var logits = kernel.logits(for: document, extractor: extractor)
        if let wordVectors { wordVectors.addLogits(of: wordVectors.features(of: document), to: &logits) }
        return logits
    }

    /// Calibrated probabilities, one per label, summing to 1.
    public func probabilities(for vector: TopicFeatureVector) -> [Double] {
        probabilities(fromLogits: logits(for: vector), words: vector.words)
    }

    /// Calibrated probabilities of a document, one per label, summing to 1.
    public func probabilities(for document: Document) -> [Double] {
        probabilities(fromLogits: logits(for: document), words: words(in: document))
    }

    /// The labels' probabilities from class logits at `temperature` (the model's when nil) for a text of `words`
    /// words and numbers: the softmax over the classes (each lowered by its topic's class-count correction at that
    /// length), each topic's the sum of its classes'.
    public func probabilities(fromLogits logits: [Double], temperature: Double? = nil, words: Int) -> [Double] {
        let temperature = temperature ?? self.temperature
        let alpha = classCountCorrection(forWords: words)
        guard !classLogCounts.isEmpty, alpha != 0 else { return topicSums(Self.softmax(logits, temperature: temperature)) }
        return topicSums(Self.softmax(zip(logits, classLogCounts).map { $0 / temperature - alpha * $1 }, temperature: 1))
    }

    /// Class probabilities summed per topic (the same array when each label is its own class).
    private func topicSums(_ classProbabilities: [Double]) -> [Double] {
        guard hasFinerClasses else { return classProbabilities }
        var sums = [Double](repeating: 0, count: labels.count)
        for (column, probability) in classProbabilities.enumerated() { sums[classes[column].topic] += probability }
        return sums
    }

    /// The reported topics of a document, best first.
    public func topics(for document: Document) -> [Topic] {
        topics(for: document, evidence: 0)
    }

    /// The reported topics of a document, best first, each with up to `evidence` features that drove it.
    public func topics(for document: Document, evidence: Int) -> [Topic] {
        guard evidence > 0 else {
            let scores = logits(for: document)
            return Self.reported(probabilities(fromLogits: scores, words: words(in: document)), threshold: threshold).map { Topic(label: labels[$0.0], score: $0.1) }
        }
        var counts = extractor.counts(of: document, known: table.bitmap)
        if let wordVectors { counts.dense = wordVectors.features(of: document) }
        let scores = logits(for: counts)
        let chosen = Self.reported(probabilities(fromLogits: scores, words: words(in: document)), threshold: threshold)
        let vector = vector(for: counts)
        let names = extractor.evidenceNames(in: document)
        return chosen.map { label, probability in
            // A topic's evidence is that of its most probable class in this document.
            let column = classes.indices.filter { classes[$0].topic == label }.max { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 > $1 }!
            return Topic(label: labels[label], score: probability, evidence: self.evidence(for: column, in: vector, names: names, limit: evidence))
        }
    }

    /// Indices and probabilities of the labels to report: the best, then every other at or above `threshold`.
    /// Only those few labels are sorted (best first, the lower index first among equals).
    package static func reported(_ probabilities: [Double], threshold: Double) -> [(Int, Double)] {
        guard var best = probabilities.indices.first else { return [] }
        for label in probabilities.indices where probabilities[label] > probabilities[best] { best = label }
        var chosen = probabilities.indices.filter { $0 == best || probabilities[$0] >= threshold }
        chosen.sort { probabilities[$0] != probabilities[$1] ? probabilities[$0] > probabilities[$1] : $0 < $1 }
        return chosen.map { ($0, probabilities[$0]) }
    }

    package static func softmax(_ logits: [Double], temperature: Double) -> [Double] {
        guard let top = logits.max() else { return [] }
        let exps = logits.map { exp(($0 - top) / temperature) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }

    // MARK: Explanations

    /// The named features (see `TopicFeatureExtractor.evidenceNames(in:)`) that raised class `column`'s log-odds
    /// most against the average class, strongest first.
    func evidence(for column: Int, in vector: TopicFeatureVector, names: [UInt32: String], limit: Int) -> [TopicEvidence] {
        let classCount = classes.count
        var parts: [(bucket: UInt32, name: String, weight: Double)] = []
        for (bucket, value) in zip(vector.buckets, vector.values) {
            guard let name = names[bucket] else { continue }
            var mean = 0.0
            for other in 0..<classCount { mean += Double(weight(Int(bucket), other)) }
            mean /= Double(classCount)
            let own = Double(weight(Int(bucket), column))
            let weight = Double(value) * (own - mean) / temperature
            if weight > 0 { parts.append((bucket, name, weight)) }
        }
        parts.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.bucket < $1.bucket }
        return parts.prefix(limit).map { TopicEvidence(feature: $0.name, weight: $0.weight) }
    }
}
