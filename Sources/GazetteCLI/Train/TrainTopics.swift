import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Gazette
import GazetteTraining

/// `gazette train topics`: learn a topic model from labelled JSON Lines.
struct TrainTopics: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Train a topic model on labelled JSON Lines ({\"text\": ..., \"label\": ...} per line).",
        discussion: """
        Holds out a share of each file (stratified by label, fixed by --seed) to fit the score calibration and the \
        reporting threshold and to measure accuracy, then writes the model with its recipe. The same command, data \
        and seed give the same model, byte for byte.

        Example (the shipped model; see Scripts/train-default-topic-model.sh):
          gazette train topics --data huffpost.jsonl --data bbc.jsonl --weight 1 --weight 3 \\
            --label-map topic-taxonomy.json --name gazette-news-topics/1 --output Models/news-topics.topicmodel
        """
    )

    @Option(help: ArgumentHelp("Labelled JSON Lines file; repeatable.", valueName: "file"))
    var data: [String]

    @Option(help: ArgumentHelp("Where to write the model.", valueName: "file"))
    var output: String

    @Option(name: .customLong("label-map"), help: ArgumentHelp("JSON map from the data's labels to the model's (see README, Topics).", valueName: "file"))
    var labelMap: String?

    @Option(help: "Weight of each --data file's examples in the loss, in the same order (default 1 each).")
    var weight: [Double] = []

    @Option(help: "Share of each file held out for calibration and validation (0 for none).")
    var validation = 0.1

    @Option(help: "Seed for the validation split.")
    var seed: UInt64 = 1

    @Option(help: "Model id written on every record as topic_model (default: the output file's name, '/1').")
    var name: String?

    @OptionGroup var inputOptions: InputOptions

    @Option(name: .customLong("label-field"), help: "The JSON field that holds the label.")
    var labelField = "label"

    @Option(help: "log2 of the number of feature hash buckets.")
    var buckets = TopicFeatureSettings().bucketBits

    @Option(name: .customLong("char-ngrams"), help: "Character n-grams of words, as MIN-MAX (e.g. 3-5), or none.")
    var charNGrams = "none"

    @Option(name: .customLong("char-ngram-words"), help: "Character n-grams of the first this many words only (0: all).")
    var charNGramWords = 0

    @Flag(name: .customLong("no-bigrams"), help: "Leave out word pairs.")
    var noBigrams = false

    @Flag(name: .customLong("length-feature"), help: "Add a feature for the document's length class (headline, paragraph, article).")
    var lengthFeature = false

    @Option(name: .customLong("entity-features"), help: "Entities as features: none, labels (PERSON/ORG/LOC) or ids (labels and linked ids).")
    var entityFeatures = "none"

    @Option(name: .customLong("max-words"), help: "Only the first this many words of each document count (0: all).")
    var maxWords = TopicFeatureSettings().maxWords

    @Option(name: .customLong("word-vectors"), help: ArgumentHelp("Pretrained word vectors (Scripts/build-word-vectors.py) whose document average is a dense feature; copied into the model.", valueName: "file"))
    var wordVectors: String?

    @Option(name: .customLong("vector-scale"), help: "Length of a document's average word vector beside its unit-length sparse features.")
    var vectorScale: Float = 1

    @Option(name: .customLong("vector-words"), help: "Only the first this many words of each document are looked up for the word vectors (0: all).")
    var vectorWords = 0

    @Option(name: .customLong("word-clusters"), help: ArgumentHelp("Clusters of the word vectors' rows (Scripts/build-word-clusters.py), read as features of a short text's first words (--cluster-words); copied into the model.", valueName: "file"))
    var wordClusters: String?

    @Option(name: .customLong("cluster-words"), help: "With --word-clusters: the clusters of the first this many words of a text are features.")
    var clusterWords = 24

    @Option(name: .customLong("cluster-text-words"), help: "With --word-clusters: only texts of at most this many words get cluster features (0: every text).")
    var clusterTextWords = 0

    @Flag(name: .customLong("finer-classes"), help: "Train one class per label of the data (before --label-map), each under the label it maps to; a label's score is the sum of its classes'.")
    var finerClasses = false

    @Option(name: .customLong("class-map"), help: ArgumentHelp("With --finer-classes: a JSON map from data labels to class names (as --label-map), so that labels of several files share a class.", valueName: "file"))
    var classMap: String?

    @Option(name: .customLong("class-count-correction"), help: "With --finer-classes: divide each class's probability by its label's class count to this power before normalising (0: a label's score is the plain sum of its classes').")
    var classCountCorrection = 0.0

    @Option(name: .customLong("long-text-class-count-correction"), help: ArgumentHelp("With --finer-classes: the class-count correction for texts of 80 words or more (posts, articles); --class-count-correction then holds for texts of up to 20 words (headlines), and lengths between get a linear mix.", valueName: "alpha"))
    var longTextClassCountCorrection: Double?

    @Option(name: .customLong("balance-by"), help: "With --finer-classes, what --label-balance evens out: class or label.")
    var balanceBy = "class"

    @Option(name: .customLong("label-balance"), help: "Even out each file's labels in the loss: 0 not at all, 1 every label alike.")
    var labelBalance = 0.0

    @Option(help: "L2 regularisation strength.")
    var l2 = TopicTrainer.Settings().l2

    @Option(help: "L-BFGS iterations at most.")
    var iterations = TopicTrainer.Settings().iterations

    @Option(name: .customLong("min-df"), help: "Ignore features seen in fewer training documents than this.")
    var minDF = TopicTrainer.Settings().minDocumentFrequency

    @Option(name: .customLong("min-pair-df"), help: "Ignore word pairs seen in fewer training documents than this.")
    var minPairDF = TopicTrainer.Settings().minPairDocumentFrequency

    @Option(name: .customLong("supervised-idf"), help: ArgumentHelp("Raise the idf of features that point to few classes: times 1 + strength × (1 − their class distribution's normalised entropy). 0: plain idf.", valueName: "strength"))
    var supervisedIDF = TopicTrainer.Settings().supervisedIDF

    @Option(name: .customLong("supervised-idf-smoothing"), help: ArgumentHelp("With --supervised-idf: documents, spread as the classes are, added to each feature's class counts.", valueName: "documents"))
    var supervisedIDFSmoothing = TopicTrainer.Settings().supervisedIDFSmoothing

    @Option(help: "Threads for reading features (training always splits its work the same way).")
    var threads = 2

    @Option(name: .customLong("save-split"), help: ArgumentHelp("Also write the split as train.jsonl and validation-<n>.jsonl (mapped labels) into this folder.", valueName: "dir"))
    var saveSplit: String?

    @OptionGroup var resourceOptions: ResourceOptions

    func validate() throws {
        guard !data.isEmpty else { throw ValidationError("give at least one --data file") }
        guard weight.isEmpty || weight.count == data.count else { throw ValidationError("give one --weight per --data file, or none") }
        guard weight.allSatisfy({ $0 > 0 }) else { throw ValidationError("--weight must be positive") }
        guard validation >= 0, validation < 1 else { throw ValidationError("--validation must be in [0, 1)") }
        guard supervisedIDF >= 0, supervisedIDFSmoothing >= 0 else { throw ValidationError("--supervised-idf and its smoothing must be 0 or more") }
        guard (8...24).contains(buckets) else { throw ValidationError("--buckets must be 8...24") }
        guard (0...1).contains(labelBalance) else { throw ValidationError("--label-balance must be in [0, 1]") }
        guard balanceBy == "class" || balanceBy == "label" else { throw ValidationError("--balance-by must be class or label") }
        guard (0...4).contains(classCountCorrection) else { throw ValidationError("--class-count-correction must be in [0, 4]") }
        guard classMap == nil || finerClasses else { throw ValidationError("--class-map needs --finer-classes") }
        guard classCountCorrection == 0 || finerClasses else { throw ValidationError("--class-count-correction needs --finer-classes") }
        if let longTextClassCountCorrection {
            guard (0...4).contains(longTextClassCountCorrection) else { throw ValidationError("--long-text-class-count-correction must be in [0, 4]") }
            guard finerClasses else { throw ValidationError("--long-text-class-count-correction needs --finer-classes") }
        }
        guard vectorScale > 0, vectorScale.isFinite, vectorWords >= 0 else { throw ValidationError("--vector-scale must be positive, --vector-words not negative") }
        guard iterations >= 1, minDF >= 1, minPairDF >= 1, threads >= 1, l2 >= 0 else { throw ValidationError("--iterations, --min-df and --threads must be at least 1, --l2 not negative") }
        _ = try features()
    }

    func features() throws -> TopicFeatureSettings {
        var features = TopicFeatureSettings()
        features.bucketBits = buckets
        features.wordBigrams = !noBigrams
        features.lengthClass = lengthFeature
        if charNGrams != "none" {
            let parts = charNGrams.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, parts[0] >= 1, parts[0] <= parts[1], parts[1] <= 8 else {
                throw ValidationError("--char-ngrams must be none or MIN-MAX with 1 ≤ MIN ≤ MAX ≤ 8")
            }
            features.characterNGrams = parts[0]...parts[1]
        }
        guard charNGramWords >= 0 else { throw ValidationError("--char-ngram-words must not be negative") }
        features.characterNGramWords = charNGramWords
        guard let entities = TopicFeatureSettings.EntityFeatures(rawValue: entityFeatures) else {
            throw ValidationError("--entity-features must be none, labels or ids")
        }
        features.entities = entities
        guard maxWords >= 0 else { throw ValidationError("--max-words must not be negative") }
        features.maxWords = maxWords
        if wordClusters != nil {
            guard clusterWords > 0, clusterTextWords >= 0 else { throw ValidationError("--cluster-words must be positive, --cluster-text-words not negative") }
            features.wordClusterWords = clusterWords
            features.wordClusterTextWords = clusterTextWords
        }
        return features
    }

    func run() throws {
        let started = Date()
        try OutputFile.checkWritable(output)
        let map = try labelMap.map { path -> TopicLabelMap in
            guard let bytes = FileManager.default.contents(atPath: path) else { throw GazetteError(.resourceMissing, "cannot read label map \(path)") }
            return try TopicLabelMap(json: [UInt8](bytes), file: path)
        }
        var items: [[LabelledText]] = []
        for path in data {
            guard let bytes = FileManager.default.contents(atPath: path) else { throw GazetteError(.unreadableInput, "cannot read \(path)") }
            items.append(try LabelledTopicData.parse([UInt8](bytes), file: path, textField: inputOptions.textField, labelField: labelField))
        }
        var (labels, sources) = try LabelledTopicData.sources(files: data, items: items, map: map, weights: weight)
        let classNames = try classMap.map { path -> TopicLabelMap in
            guard let bytes = FileManager.default.contents(atPath: path) else { throw GazetteError(.resourceMissing, "cannot read class map \(path)") }
            return try TopicLabelMap(json: [UInt8](bytes), file: path)
        }
        let classes = finerClasses ? try LabelledTopicData.finerClasses(items: items, labels: labels, sources: &sources,
                                                                         classMap: classNames?.mapping ?? [:]) : nil
        guard wordClusters == nil || wordVectors != nil else { throw ValidationError("--word-clusters needs --word-vectors") }
        var vectors = try wordVectors.map { path throws -> TopicWordVectors in
            guard let bytes = FileManager.default.contents(atPath: path) else { throw GazetteError(.resourceMissing, "cannot read word vectors \(path)") }
            return try TopicWordVectors(sourceFile: [UInt8](bytes), file: path, featureScale: vectorScale, maxWords: vectorWords)
        }
        if let wordClusters, let loaded = vectors {
            guard let bytes = FileManager.default.contents(atPath: wordClusters) else { throw GazetteError(.resourceMissing, "cannot read word clusters \(wordClusters)") }
            vectors = try loaded.with(clusters: TopicWordClusters(sourceFile: [UInt8](bytes), file: wordClusters, rowCount: loaded.rowCount))
        }

        var settings = TopicTrainer.Settings()
        settings.features = try features()
        settings.l2 = l2
        settings.iterations = iterations
        settings.minDocumentFrequency = minDF
        settings.minPairDocumentFrequency = minPairDF
        settings.supervisedIDF = supervisedIDF
        settings.supervisedIDFSmoothing = supervisedIDFSmoothing
        let identifier = name ?? (URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent + "/1")
        var recipe: [(key: String, value: String)] = [
            ("command", "gazette train topics " + CommandLine.arguments.dropFirst(3).joined(separator: " ")),
            ("data", zip(data, sources).map { "\($0.0.lastPathComponent) (\($0.1.texts.count) documents, weight \($0.1.weight), fnv \(Self.fileHash($0.0)))" }.joined(separator: "; ")),
            ("label-map", labelMap.map { $0.lastPathComponent } ?? "none"),
            ("seed", String(seed)),
            ("validation-fraction", String(validation)),
            ("gazette", GazetteLibrary.version),
        ]
        recipe += settings.pairs.map { ($0.0, $0.1) }
        if labelBalance > 0 { recipe.append(("label-balance", String(labelBalance))) }
        if labelBalance > 0, classes != nil, balanceBy == "label" { recipe.append(("balance-by", "label")) }
        if let classes {
            recipe.append(("finer-classes", "\(classes.count) (the data's own labels\(classMap == nil ? "" : ", renamed by the class map"))"))
        }
        if let classMap { recipe.append(("class-map", "\(classMap.lastPathComponent) (fnv \(Self.fileHash(classMap)))")) }
        if classCountCorrection != 0 { recipe.append(("class-count-correction", String(classCountCorrection))) }
        if let longTextClassCountCorrection { recipe.append(("class-count-correction-long", String(longTextClassCountCorrection))) }
        if let wordVectors, let vectors {
            recipe.append(("word-vectors", "\(wordVectors.lastPathComponent) (\(vectors.rowCount) vectors of \(vectors.dimensions), fnv \(Self.fileHash(wordVectors))), scale \(vectorScale), words \(vectorWords)"))
        }
        if let wordClusters, let clusters = vectors?.clusters {
            recipe.append(("word-clusters", "\(wordClusters.lastPathComponent) (\(clusters.clusterCounts.map(String.init).joined(separator: " and ")) clusters, fnv \(Self.fileHash(wordClusters))), first \(clusterWords) words of texts of at most \(clusterTextWords) words"))
        }

        var options = PipelineOptions()
        options.topicModel = .none
        if settings.features.entities == .none { options.entityModel = .none }
        let pipeline = try resourceOptions.pipeline(options)
        if settings.features.entities != .none { recipe.append(("entity-resources", pipeline.stamp)) }

        var run = TopicTrainingRun(sources: sources, labels: labels, validationFraction: validation, seed: seed,
                                   trainer: TopicTrainer(settings: settings), identifier: identifier, recipe: recipe, threads: threads,
                                   wordVectors: vectors)
        run.labelBalance = labelBalance
        run.classes = classes
        run.classCountCorrection = classCountCorrection
        run.longTextClassCountCorrection = longTextClassCountCorrection
        run.balanceByClass = balanceBy == "class"
        let progress = ProgressLine(enabled: standardErrorIsTerminal)
        let report = try run.run(pipeline: pipeline) { event in
            switch event {
            case let .reading(done, total): progress.show("reading features: \(done)/\(total) documents")
            case let .training(step): progress.show("training: iteration \(step.iteration)/\(step.iterations), loss \(String(cFormat: "%.5f", step.loss))")
            case .calibrating: progress.show("calibrating on the validation split")
            }
        }
        progress.clear()
        let bytes = report.model.serialized()
        try OutputFile.write(bytes, to: output)
        if let saveSplit { try writeSplit(to: saveSplit, sources: sources, heldOut: report.heldOut, labels: labels) }

        print("trained \(identifier) on \(report.trainingCount) documents, \(labels.count) labels, in \(String(cFormat: "%.1f", Date().timeIntervalSince(started))) s")
        print("reading features \(String(cFormat: "%.1f", report.readingSeconds)) s; training \(String(cFormat: "%.1f", report.trainingSeconds)) s, \(report.iterations) iterations, loss \(String(cFormat: "%.5f", report.loss))")
        print("wrote \(output) (\(bytes.count) bytes)")
        for (source, evaluation) in report.validation {
            print("validation \(source): \(evaluation.count) documents, accuracy \(String(cFormat: "%.4f", evaluation.accuracy)), macro-F1 \(String(cFormat: "%.4f", evaluation.macroF1))")
        }
        for warning in sizeWarnings(report: report, sources: sources, labels: labels) {
            printErrorRaw("gazette: warning: \(warning)\n")
        }
        if let calibration = report.calibration {
            print("""
            calibration: temperature \(String(cFormat: "%.3f", calibration.temperature)), log-loss \(String(cFormat: "%.4f", calibration.logLossBefore)) → \
            \(String(cFormat: "%.4f", calibration.logLossAfter)), calibration error \(String(cFormat: "%.4f", calibration.calibrationErrorBefore)) → \
            \(String(cFormat: "%.4f", calibration.calibrationErrorAfter))
            threshold: \(String(cFormat: "%.2f", calibration.threshold)) (label-set micro-F1 \(String(cFormat: "%.4f", calibration.setF1)), \
            \(String(cFormat: "%.2f", calibration.labelsPerDocument)) labels per document)
            """)
        }
    }

    /// Warnings when the data are too few for the model or its validation figures to mean anything.
    func sizeWarnings(report: TopicTrainingRun.Report, sources: [TopicTrainingRun.Source], labels: [String]) -> [String] {
        var training = [Int](repeating: 0, count: labels.count)
        for (index, source) in sources.enumerated() {
            for (position, label) in source.labels.enumerated() where !report.heldOut[index][position] { training[label] += 1 }
        }
        let heldOut = report.heldOut.reduce(0) { $0 + $1.filter { $0 }.count }
        return TrainingSizeCheck.topicWarnings(trainingPerLabel: zip(labels, training).map { ($0, $1) },
                                               heldOut: validation > 0 ? heldOut : nil)
    }

    /// Writes the split as JSON Lines with mapped labels, for other tools to train and test on the same documents.
    private func writeSplit(to folder: String, sources: [TopicTrainingRun.Source], heldOut: [[Bool]], labels: [String]) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var training = Data()
        for (index, source) in sources.enumerated() {
            var validation = Data()
            for (position, text) in source.texts.enumerated() {
                let line = LabelledTopicData.line(text: text, label: labels[source.labels[position]], source: index + 1)
                if heldOut[index][position] { validation.append(contentsOf: line) } else { training.append(contentsOf: line) }
            }
            try validation.write(to: URL(fileURLWithPath: folder + "/validation-\(index + 1).jsonl"), options: .atomic)
        }
        try training.write(to: URL(fileURLWithPath: folder + "/train.jsonl"), options: .atomic)
    }

    /// FNV-1a of a file's bytes, so that the recipe pins the exact data.
    static func fileHash(_ path: String) -> String {
        String(FNV1a.hash(FileManager.default.contents(atPath: path) ?? Data()), radix: 16)
    }
}
