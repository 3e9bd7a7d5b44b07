/// The `.topicmodel` file: a `ResourceContainer` of kind `TOPICMOD`, format version 2, with the sections
///
/// ```
/// header   UTF-8 lines "key\tvalue"
/// index    u32 row count · bitmap of the buckets seen in training (bucketCount / 8 bytes; bit b of byte b/8)
///          · f32 scale per label · f32 bias per label
/// rows     one row per set bit, in bucket order (see `TopicWeightTable`): i8 weight per label, u8 idf × 16, zero
///          padding; the section starts on a 16-byte boundary of the file, so rows are used where they lie
/// vectors  (optional) pretrained word vectors and their label weights, see `TopicWordVectors.serialized()`
/// clusters (optional, with vectors) the clusters of the vectors' rows, see `TopicWordClusters.serialized()`
/// ```
/// Version-1 files (magic "GZTOPIC\n", the same header, index and 16-aligned rows inline, then the four-lane
/// checksum of `LaneChecksum`) are still read; `serialized()` writes the container.
///
/// Header keys: `id`, `label` (one line per label, in order), `class` (when the weights are for finer classes: one
/// line per class in weight order, "topic label<TAB>class name"), `class-count-correction` (only when not 0, see
/// `classCountCorrection`), `temperature`, `threshold`, `feature.<setting>`
/// and `recipe.<key>`. The index, rows and vectors then hold one scale, bias and weight per class. The header is plain text so that `head -c 4000 FILE` shows what a model is and how it was
/// made. The rows are used where they lie, so loading a model is reading a file and checking it.
extension LinearTopicModel {
    static let formatVersion: UInt32 = 2
    /// The version of files whose class-count correction depends on the text's length (a header line
    /// `class-count-correction-long`); the rest of the format is version 2's.
    static let lengthAwareFormatVersion: UInt32 = 3
    /// The version of files with word clusters (a `clusters` section, read as features); the rest is version 3's.
    static let clusterFormatVersion: UInt32 = 4
    /// The signature of version-1 files.
    static let legacyMagic = Array("GZTOPIC\n".utf8)
    /// The largest label scale, bias or temperature a model file may hold: far above any trained one, low enough
    /// that a document's logits stay finite.
    static let largestCoefficient: Double = 1e6
    /// The largest class-count correction a model file may hold (1 already scores a topic by its classes' mean).
    static let largestClassCountCorrection: Double = 4

    /// The model as the bytes of a `.topicmodel` file.
    public func serialized() -> [UInt8] {
        var header = "id\t\(Self.clean(identifier))\n"
        for label in labels { header += "label\t\(Self.clean(label))\n" }
        if hasFinerClasses {
            for item in classes { header += "class\t\(Self.clean(labels[item.topic]))\t\(Self.clean(item.name))\n" }
            if classCountCorrection != 0 { header += "class-count-correction\t\(classCountCorrection)\n" }
            if let longTextClassCountCorrection { header += "class-count-correction-long\t\(longTextClassCountCorrection)\n" }
        }
        header += "temperature\t\(temperature)\nthreshold\t\(threshold)\n"
        for (key, value) in settings.pairs { header += "feature.\(key)\t\(value)\n" }
        for (key, value) in recipe { header += "recipe.\(Self.clean(key))\t\(Self.clean(value))\n" }
        var index = ByteWriter()
        index.u32(UInt32(table.rowCount))
        index.append(table.bitmapBytes())
        for scale in scales { index.f32(scale) }
        for bias in biases { index.f32(bias) }
        // A reader that did not know the long-text correction would score long texts without it: such a file is
        // of the next version, which those readers refuse.
        // The same for word clusters, which such readers would not read as features.
        let clusters = wordVectors?.clusters
        let version = clusters != nil ? Self.clusterFormatVersion
            : hasFinerClasses && longTextClassCountCorrection != nil ? Self.lengthAwareFormatVersion : Self.formatVersion
        var container = ResourceContainer.Writer(kind: .topicModel, version: version)
        container.add("header", Array(header.utf8))
        container.add("index", index.bytes)
        // The container starts sections 16-byte aligned, so that no row straddles two cache lines once loaded.
        container.add("rows", Array(table.storage[table.rowsStart..<(table.rowsStart + table.rowCount * table.rowBytes)]))
        if let wordVectors { container.add("vectors", wordVectors.serialized()) }
        if let clusters { container.add("clusters", clusters.serialized()) }
        return container.bytes()
    }

    /// Reads a model file's bytes; `file` names it in every error. Never crashes on bad input.
    public init(bytes: [UInt8], file: String) throws(GazetteError) {
        func fail(_ why: String) -> GazetteError { GazetteError(.resourceMalformed, "\(file): \(why)") }
        var (headerBytes, reader, rows, vectors, clusterSection) = ResourceContainer.isContainer(bytes) ? try Self.containerParts(bytes, file: file)
            : try Self.legacyParts(bytes, file: file)
        guard let header = String(validating: headerBytes, as: UTF8.self) else { throw fail("truncated or unreadable header") }
        var identifier: String?
        var labels: [String] = []
        var classLines: [(topic: String, name: String)] = []
        var temperature: Double?
        var threshold: Double?
        var classCountCorrection = 0.0
        var longTextClassCountCorrection: Double?
        var featurePairs: [String: String] = [:]
        var recipe: [(key: String, value: String)] = []
        for line in header.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw fail("header line '\(line)' is not key<TAB>value") }
            let key = String(parts[0]), value = String(parts[1])
            switch key {
            case "id": identifier = value
            case "label": labels.append(value)
            case "class":
                let fields = value.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
                guard fields.count == 2, !fields[1].isEmpty else { throw fail("header line '\(line)' is not class<TAB>topic<TAB>name") }
                classLines.append((String(fields[0]), String(fields[1])))
            case "class-count-correction":
                guard let correction = Double(value), correction.isFinite, (0...Self.largestClassCountCorrection).contains(correction) else {
                    throw fail("class-count-correction '\(value)' is not a number in [0, \(Self.largestClassCountCorrection)]")
                }
                classCountCorrection = correction
            case "class-count-correction-long":
                guard let correction = Double(value), correction.isFinite, (0...Self.largestClassCountCorrection).contains(correction) else {
                    throw fail("class-count-correction-long '\(value)' is not a number in [0, \(Self.largestClassCountCorrection)]")
                }
                longTextClassCountCorrection = correction
            case "temperature": temperature = Double(value)
            case "threshold": threshold = Double(value)
            default:
                if key.hasPrefix("feature.") {
                    featurePairs[String(key.dropFirst("feature.".count))] = value
                } else if key.hasPrefix("recipe.") {
                    recipe.append((String(key.dropFirst("recipe.".count)), value))
                }
            }
        }
        guard let identifier, !identifier.isEmpty else { throw fail("header has no model id") }
        guard labels.count >= 2, Set(labels).count == labels.count, !labels.contains("") else {
            throw fail("header must list two or more distinct labels")
        }
        guard let temperature, temperature.isFinite, temperature > 0, temperature <= Self.largestCoefficient else {
            throw fail("temperature missing, or not a finite number in (0, \(Self.largestCoefficient)]")
        }
        guard let threshold, threshold > 0, threshold <= 1 else { throw fail("threshold missing or not in (0, 1]") }
        let settings: TopicFeatureSettings
        do { settings = try TopicFeatureSettings(pairs: featurePairs) } catch { throw fail(error.message) }

        var classes = Self.ownClasses(labels)
        if !classLines.isEmpty {
            let topicOf = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
            classes = []
            for line in classLines {
                guard let topic = topicOf[line.topic] else { throw fail("class '\(line.name)' belongs to '\(line.topic)', which is not a label") }
                classes.append((line.name, topic))
            }
            guard Set(classes.map(\.name)).count == classes.count else { throw fail("header lists a class twice") }
            guard Set(classes.map(\.topic)).count == labels.count else { throw fail("a label has no class") }
        }
        // Weights, scales and biases are per class.
        let labelCount = classes.count
        let bucketCount = settings.bucketCount
        guard let rowCount = reader.u32().map(Int.init), let bitmap = reader.bytes(bucketCount / 8) else { throw fail("truncated bucket map") }
        var scales: [Float] = []
        var biases: [Float] = []
        for _ in 0..<labelCount {
            guard let bits = reader.u32() else { throw fail("truncated label scales") }
            scales.append(Float(bitPattern: bits))
        }
        for _ in 0..<labelCount {
            guard let bits = reader.u32() else { throw fail("truncated label biases") }
            biases.append(Float(bitPattern: bits))
        }
        // Finite and bounded, so that no document's logits overflow to infinity (and the softmax to NaN).
        if let bad = scales.firstIndex(where: { !($0.isFinite && $0 >= 0 && Double($0) <= Self.largestCoefficient) }) {
            throw fail("the scale of label '\(classes[bad].name)' is \(scales[bad]), not a finite number in [0, \(Self.largestCoefficient)]")
        }
        if let bad = biases.firstIndex(where: { !($0.isFinite && abs(Double($0)) <= Self.largestCoefficient) }) {
            throw fail("the bias of label '\(classes[bad].name)' is \(biases[bad]), not a finite number within ±\(Self.largestCoefficient)")
        }
        if rows == nil {  // version 1: the rows follow, from the next multiple of 16
            guard reader.bytes((16 - reader.position % 16) % 16)?.allSatisfy({ $0 == 0 }) == true else { throw fail("bad padding before the rows") }
            rows = reader.position..<reader.end
        } else {
            guard reader.remaining == 0 else { throw fail("size does not match its header (\(labelCount) classes, \(rowCount) rows)") }
        }
        let rowBytes = TopicWeightTable.rowBytes(labelCount: labelCount)
        guard let rows, rows.count == rowCount * rowBytes,
              let table = TopicWeightTable(labelCount: labelCount, bucketCount: bucketCount, bitmap: bitmap, storage: bytes, rowsStart: rows.lowerBound),
              table.rowCount == rowCount else {
            throw fail("size does not match its header (\(labelCount) classes, \(rowCount) rows)")
        }
        let unseen = (0..<rowCount).contains { bytes[rows.lowerBound + $0 * rowBytes + labelCount] == 0 }
        guard !unseen else { throw fail("a stored row has no document frequency") }
        var wordVectors = try vectors.map { range throws(GazetteError) in
            try TopicWordVectors(bytes: bytes, range: range, labelCount: labelCount, file: file)
        }
        if let clusterSection {
            guard let vectors = wordVectors else { throw fail("word clusters without word vectors") }
            wordVectors = try vectors.with(clusters: TopicWordClusters(bytes: bytes, range: clusterSection, rowCount: vectors.rowCount, file: file))
        }
        // A model trained on word clusters scores differently without them.
        guard settings.wordClusterWords == 0 || wordVectors?.clusters != nil else { throw fail("the features name word clusters, and there are none") }
        self.init(identifier: identifier, labels: labels, classes: classes, settings: settings, table: table, scales: scales, biases: biases,
                  temperature: temperature, threshold: threshold, recipe: recipe, wordVectors: wordVectors,
                  classCountCorrection: classCountCorrection, longTextClassCountCorrection: longTextClassCountCorrection)
    }

    /// The header, a reader over the index, the rows, and the word vectors and their clusters (if any) of a container file.
    private static func containerParts(_ bytes: [UInt8], file: String) throws(GazetteError) -> (ArraySlice<UInt8>, ByteReader, Range<Int>?, Range<Int>?, Range<Int>?) {
        func fail(_ why: String) -> GazetteError { GazetteError(.resourceMalformed, "\(file): \(why)") }
        let container = try ResourceContainer.Reader(bytes: bytes, kind: .topicModel, file: file)
        guard (formatVersion...clusterFormatVersion).contains(container.version) else {
            throw fail("topic model format version \(container.version) is not supported (this Gazette reads versions \(formatVersion) to \(clusterFormatVersion))")
        }
        guard let header = container.range("header"), let index = container.section("index"), let rows = container.range("rows") else {
            throw fail("a section is missing")
        }
        return (bytes[header], index, rows, container.range("vectors"), container.range("clusters"))
    }

    /// The header and a reader from the index on (rows: nil, they follow the index) of a version-1 file.
    private static func legacyParts(_ bytes: [UInt8], file: String) throws(GazetteError) -> (ArraySlice<UInt8>, ByteReader, Range<Int>?, Range<Int>?, Range<Int>?) {
        func fail(_ why: String) -> GazetteError { GazetteError(.resourceMalformed, "\(file): \(why)") }
        guard bytes.count >= legacyMagic.count + 16, bytes[0..<legacyMagic.count].elementsEqual(legacyMagic) else {
            throw fail("not a Gazette topic model (it does not start with the topic model signature)")
        }
        var reader = ByteReader(bytes: bytes, position: legacyMagic.count, end: bytes.count - 8)
        guard let version = reader.u32(), version == 1 else {
            throw fail("topic model format version \(reader.lastU32.map(String.init) ?? "?") is not supported (this Gazette reads version \(formatVersion))")
        }
        let checksum = LaneChecksum.checksum(bytes[0..<(bytes.count - 8)])
        var tail = ByteReader(bytes: bytes, position: bytes.count - 8)
        guard tail.u64() == checksum else { throw fail("checksum mismatch: the file is corrupt or truncated") }
        guard let headerLength = reader.u32().map(Int.init), let header = reader.bytes(headerLength) else {
            throw fail("truncated or unreadable header")
        }
        return (header, reader, nil, nil, nil)
    }

    /// Header values are single lines without tabs.
    private static func clean(_ value: String) -> String {
        String(value.map { $0 == "\n" || $0 == "\t" || $0 == "\r" ? " " : $0 })
    }
}
