import Dispatch
import Gazette
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole training run: split each source into training and validation parts, read features through the
/// pipeline, train, then fit the temperature and threshold and measure accuracy on the validation parts.
///
/// The split is stratified by label within each source and fixed by `seed`, so a run is reproducible and the
/// validation documents are never seen in training.
public struct TopicTrainingRun: Sendable {
    /// One data file: its texts with their labels mapped to indices into `labels`.
    public struct Source: Sendable {
        /// A short name of the source, for the recipe.
        public var name: String
        /// Its texts.
        public var texts: [String]
        /// Each text's label, an index into the run's labels.
        public var labels: [Int]
        /// Weight of each of this source's examples in the training loss.
        public var weight: Double
        /// Each text's finer class, an index into the run's `classes` (nil: the model trains on the labels).
        public var classes: [Int]?

        /// A source whose examples count `weight` times in the loss.
        public init(name: String, texts: [String], labels: [Int], weight: Double = 1) {
            precondition(texts.count == labels.count)
            self.name = name
            self.texts = texts
            self.labels = labels
            self.weight = weight
        }
    }

    /// What a run reports as it goes.
    public enum Event: Sendable {
        case reading(done: Int, total: Int)
        case training(TopicTrainer.Progress)
        case calibrating
    }

    /// What a run made and measured.
    public struct Report: Sendable {
        /// The calibrated model.
        public var model: LinearTopicModel
        /// Examples trained on.
        public var trainingCount: Int
        /// Top-label results on each source's validation part (empty when there is none).
        public var validation: [(source: String, evaluation: TopicEvaluation)]
        /// The calibration fitted on the validation examples, if there were any.
        public var calibration: TopicCalibration.Result?
        /// For each source, whether each of its texts was held out for validation.
        public var heldOut: [[Bool]]
        /// Optimiser iterations run and the final training loss (regularisation included).
        public var iterations: Int
        /// The final training objective.
        public var loss: Double
        /// Seconds spent reading features and training.
        public var readingSeconds: Double
        /// Time spent training.
        public var trainingSeconds: Double
    }

    /// The labelled data.
    public var sources: [Source]
    /// The labels, in index order.
    public var labels: [String]
    /// Share of each source (per label) held out for validation; 0 for none.
    public var validationFraction: Double
    /// Seeds the validation split.
    public var seed: UInt64
    /// Trains the model.
    public var trainer: TopicTrainer
    /// The model's identifier.
    public var identifier: String
    /// How the model was made, written into it.
    public var recipe: [(key: String, value: String)]
    /// Threads for reading features.
    public var threads: Int
    /// Pretrained word vectors whose document averages are dense features (nil: none).
    public var wordVectors: TopicWordVectors?
    /// Finer classes to train instead of the labels, each with its label's index (the sources give each text's
    /// class); the model sums their probabilities per label. Nil: the labels are the classes.
    public var classes: [(name: String, topic: Int)]?
    /// How far each source's labels are evened out in the loss: an example weighs (mean label count / its label's
    /// count in its source's training part) to this power more (0: not at all, 1: every label alike).
    public var labelBalance: Double = 0
    /// With finer classes, whether `labelBalance` evens out the classes (true) or the labels they belong to.
    public var balanceByClass = true
    /// With finer classes: how much a label's score is lowered for its number of classes (see
    /// `LinearTopicModel.classCountCorrection`); set before calibration, so the temperature is fitted with it.
    public var classCountCorrection: Double = 0
    /// With finer classes: the correction for long texts (see `LinearTopicModel.longTextClassCountCorrection`;
    /// nil: `classCountCorrection` at every length); also set before calibration.
    public var longTextClassCountCorrection: Double?

    /// A run over `sources`, holding out `validationFraction` of each for calibration.
    public init(sources: [Source], labels: [String], validationFraction: Double = 0.1, seed: UInt64 = 1, trainer: TopicTrainer = TopicTrainer(),
                identifier: String, recipe: [(key: String, value: String)] = [], threads: Int = 2, wordVectors: TopicWordVectors? = nil) {
        self.sources = sources
        self.labels = labels
        self.validationFraction = validationFraction
        self.seed = seed
        self.trainer = trainer
        self.identifier = identifier
        self.recipe = recipe
        self.threads = threads
        self.wordVectors = wordVectors
    }

    /// Which texts of each source are held out: per label, `round(fraction × count)` texts chosen by a seeded shuffle.
    public func split() -> [[Bool]] {
        var generator = SeededGenerator(seed: seed)
        return sources.map { source in
            var heldOut = [Bool](repeating: false, count: source.texts.count)
            var byLabel: [Int: [Int]] = [:]
            for (index, label) in source.labels.enumerated() { byLabel[label, default: []].append(index) }
            for label in byLabel.keys.sorted() {
                var members = byLabel[label]!
                generator.shuffle(&members)
                let count = Int((Double(members.count) * validationFraction).rounded())
                for index in members.prefix(count) { heldOut[index] = true }
            }
            return heldOut
        }
    }

    /// Annotates the texts with `pipeline`, trains, calibrates and reports.
    public func run(pipeline: Pipeline, progress: @escaping @Sendable (Event) -> Void = { _ in }) throws -> Report {
        let heldOut = split()
        let extractor = TopicFeatureExtractor(settings: trainer.settings.features, wordVectors: wordVectors)
        let texts = sources.flatMap(\.texts)
        let clock = ContinuousClock()
        let readingStart = clock.now
        let counts = try Self.features(of: texts, pipeline: pipeline, extractor: extractor, wordVectors: wordVectors, threads: threads,
                                       progress: progress)
        let readingSeconds = Self.seconds(clock.now - readingStart)

        var training: [TopicTrainer.Example] = []
        var validation: [(source: Int, counts: TopicFeatureCounts, label: Int)] = []
        var offset = 0
        for (sourceIndex, source) in sources.enumerated() {
            // Trained on the finer classes when there are any (the split and the validation figures stay by label).
            let trained = classes != nil ? source.classes ?? source.labels : source.labels
            let balanced = balanceByClass ? trained : source.labels
            let balance = Self.labelFactors(labels: balanced, heldOut: heldOut[sourceIndex], power: labelBalance)
            for index in source.texts.indices {
                if heldOut[sourceIndex][index] {
                    validation.append((sourceIndex, counts[offset + index], source.labels[index]))
                } else {
                    training.append(TopicTrainer.Example(counts: counts[offset + index], label: trained[index],
                                                         weight: source.weight * balance[balanced[index], default: 1]))
                }
            }
            offset += source.texts.count
        }

        let trainingStart = clock.now
        var last = TopicTrainer.Progress(iteration: 0, iterations: trainer.settings.iterations, loss: .nan)
        var model = trainer.train(training, labels: labels, classes: classes, identifier: identifier, recipe: recipe, wordVectors: wordVectors) { step in
            last = step
            progress(.training(step))
        }
        if model.hasFinerClasses && (classCountCorrection != 0 || longTextClassCountCorrection != nil) {
            model = model.with(classCountCorrection: classCountCorrection, longTextClassCountCorrection: longTextClassCountCorrection)
        }
        let trainingSeconds = Self.seconds(clock.now - trainingStart)
        var calibration: TopicCalibration.Result?
        var evaluations: [(source: String, evaluation: TopicEvaluation)] = []
        var fullRecipe = recipe
        fullRecipe.append(("training-documents", String(training.count)))
        if !validation.isEmpty {
            progress(.calibrating)
            let logits = validation.map { model.logits(for: model.vector(for: $0.counts)) }
            let uncalibrated = model
            let result = TopicCalibration.fit(logits: logits, gold: validation.map(\.label)) { index, temperature in
                uncalibrated.probabilities(fromLogits: logits[index], temperature: temperature, words: validation[index].counts.words)
            }
            calibration = result
            for (sourceIndex, source) in sources.enumerated() {
                var evaluation = TopicEvaluation(labels: labels)
                for (row, item) in zip(logits, validation) where item.source == sourceIndex {
                    // With finer classes the best label is the one whose classes add up to most, at the fitted temperature.
                    let scores = model.hasFinerClasses ? model.probabilities(fromLogits: row, temperature: result.temperature, words: item.counts.words) : row
                    evaluation.add(gold: item.label, predicted: scores.indices.max { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 > $1 }!)
                }
                guard evaluation.count > 0 else { continue }
                evaluations.append((source.name, evaluation))
                fullRecipe.append(("validation.\(Self.stem(source.name))",
                                   "documents \(evaluation.count) accuracy \(TopicEvaluation.format(evaluation.accuracy)) macro-F1 \(TopicEvaluation.format(evaluation.macroF1))"))
            }
            fullRecipe.append(("validation-documents", String(validation.count)))
            fullRecipe.append(("calibration", "temperature fitted on validation log-loss; threshold maximises micro-F1 of reported label sets"))
            model = model.with(temperature: result.temperature, threshold: result.threshold, recipe: fullRecipe)
        } else {
            model = model.with(recipe: fullRecipe)
        }
        return Report(model: model, trainingCount: training.count, validation: evaluations, calibration: calibration, heldOut: heldOut,
                      iterations: last.iteration, loss: last.loss, readingSeconds: readingSeconds, trainingSeconds: trainingSeconds)
    }

    /// Per label of a source, the factor (mean label count / the label's count)^power over its training part.
    static func labelFactors(labels: [Int], heldOut: [Bool], power: Double) -> [Int: Double] {
        guard power != 0 else { return [:] }
        var counts: [Int: Int] = [:]
        for (label, out) in zip(labels, heldOut) where !out { counts[label, default: 0] += 1 }
        let mean = Double(counts.values.reduce(0, +)) / Double(max(1, counts.count))
        return counts.mapValues { pow(mean / Double($0), power) }
    }

    /// Feature counts of every text (with dense features when there are `wordVectors`), read through `pipeline` on
    /// `threads` threads (results in input order).
    static func features(of texts: [String], pipeline: Pipeline, extractor: TopicFeatureExtractor, wordVectors: TopicWordVectors?, threads: Int,
                         progress: @escaping @Sendable (Event) -> Void) throws -> [TopicFeatureCounts] {
        let slices = max(1, min(threads, texts.count))
        let results = ResultSlots<TopicFeatureCounts>(count: texts.count)
        let errors = ResultSlots<any Error>(count: slices)
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let range = (slice * texts.count / slices)..<((slice + 1) * texts.count / slices)
            for index in range {
                do {
                    let document = try pipeline.annotate(texts[index])
                    var counts = extractor.counts(of: document, markingPairs: true)
                    if let wordVectors { counts.dense = wordVectors.features(of: document) }
                    counts.words = TopicFeatureExtractor.wordCount(of: document, upTo: LinearTopicModel.longTextWords)
                    results[index] = counts
                } catch {
                    errors[slice] = error
                    return
                }
                if slice == 0, (index - range.lowerBound) % 500 == 0 {
                    progress(.reading(done: (index - range.lowerBound) * slices, total: texts.count))
                }
            }
        }
        if let error = (0..<slices).lazy.compactMap({ errors[$0] }).first { throw error }
        progress(.reading(done: texts.count, total: texts.count))
        return (0..<texts.count).map { results[$0] ?? TopicFeatureCounts() }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// A short name for a data file in the recipe: its folder and file name without `.jsonl`
    /// ("huffpost_headlines41/train").
    static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").suffix(2).joined(separator: "/")
        return name.hasSuffix(".jsonl") ? String(name.dropLast(6)) : name
    }
}

/// Slots written by concurrent workers, each slot by one worker only, read after they have all finished.
final class ResultSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Value?>
    private let count: Int

    /// `count` empty slots.
    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(1, count))
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// The value of a slot (nil until written).
    subscript(index: Int) -> Value? {
        get { slots[index] }
        set { slots[index] = newValue }
    }
}
