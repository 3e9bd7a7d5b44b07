/// The `.topicmodel` file format, version 1. All numbers little-endian.
///
/// ```
/// magic "GZTOPIC\n" · u32 format version · u32 header length · header (UTF-8 lines "key\tvalue")
/// u32 row count · bitmap of the buckets seen in training (bucketCount / 8 bytes; bit b of byte b/8)
/// f32 scale per label · f32 bias per label · zero bytes up to a file offset that is a multiple of 16
/// one row per set bit, in bucket order (see `TopicWeightTable`): i8 weight per label, u8 idf × 16, zero padding
/// u64 checksum of every byte before it (`LinearTopicModel.checksum`)
/// ```
/// Header keys: `id`, `label` (one line per label, in order), `temperature`, `threshold`, `feature.<setting>`
/// and `recipe.<key>`. The header is plain text so that `head -c 4000 FILE` shows what a model is and how it was
/// made. The rows are used where they lie, so loading a model is reading a file and checking it.
extension LinearTopicModel {
    static let magic = Array("GZTOPIC\n".utf8)
    static let formatVersion: UInt32 = 1

    /// The model as the bytes of a `.topicmodel` file.
    public func serialized() -> [UInt8] {
        var out = Self.magic
        append(Self.formatVersion, to: &out)
        var header = "id\t\(Self.clean(identifier))\n"
        for label in labels { header += "label\t\(Self.clean(label))\n" }
        header += "temperature\t\(temperature)\nthreshold\t\(threshold)\n"
        for (key, value) in settings.pairs { header += "feature.\(key)\t\(value)\n" }
        for (key, value) in recipe { header += "recipe.\(Self.clean(key))\t\(Self.clean(value))\n" }
        let headerBytes = Array(header.utf8)
        append(UInt32(headerBytes.count), to: &out)
        out += headerBytes

        append(UInt32(table.rowCount), to: &out)
        out += table.bitmapBytes()
        for scale in scales { append(scale.bitPattern, to: &out) }
        for bias in biases { append(bias.bitPattern, to: &out) }
        // Rows start 16-byte aligned, so that no row straddles two cache lines once loaded.
        out += repeatElement(0, count: (16 - out.count % 16) % 16)
        out += table.storage[table.rowsStart..<(table.rowsStart + table.rowCount * table.rowBytes)]
        append(out.withUnsafeBufferPointer { Self.checksum($0) }, to: &out)
        return out
    }

    /// Reads a model file's bytes; `file` names it in every error. Never crashes on bad input.
    public init(bytes: [UInt8], file: String) throws(GazetteError) {
        func fail(_ why: String) -> GazetteError { GazetteError(.resourceMalformed, "\(file): \(why)") }
        guard bytes.count >= Self.magic.count + 16, bytes[0..<Self.magic.count].elementsEqual(Self.magic) else {
            throw fail("not a Gazette topic model (it does not start with the topic model signature)")
        }
        var reader = ByteReader(bytes: bytes, position: Self.magic.count)
        guard let version = reader.u32(), version == Self.formatVersion else {
            throw fail("topic model format version \(reader.lastU32.map(String.init) ?? "?") is not supported (this Gazette reads version \(Self.formatVersion))")
        }
        let checksum = bytes.withUnsafeBufferPointer { Self.checksum(UnsafeBufferPointer(rebasing: $0[0..<($0.count - 8)])) }
        var tail = ByteReader(bytes: bytes, position: bytes.count - 8)
        guard tail.u64() == checksum else { throw fail("checksum mismatch: the file is corrupt or truncated") }

        guard let headerLength = reader.u32().map(Int.init), let headerBytes = reader.bytes(headerLength),
              let header = String(validating: headerBytes, as: UTF8.self) else {
            throw fail("truncated or unreadable header")
        }
        var identifier: String?
        var labels: [String] = []
        var temperature: Double?
        var threshold: Double?
        var featurePairs: [String: String] = [:]
        var recipe: [(key: String, value: String)] = []
        for line in header.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw fail("header line '\(line)' is not key<TAB>value") }
            let key = String(parts[0]), value = String(parts[1])
            switch key {
            case "id": identifier = value
            case "label": labels.append(value)
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
        guard let temperature, temperature.isFinite, temperature > 0 else { throw fail("temperature missing or not positive") }
        guard let threshold, threshold > 0, threshold <= 1 else { throw fail("threshold missing or not in (0, 1]") }
        let settings: TopicFeatureSettings
        do { settings = try TopicFeatureSettings(pairs: featurePairs) } catch { throw fail(error.message) }

        let labelCount = labels.count
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
        guard scales.allSatisfy({ $0.isFinite && $0 >= 0 }), biases.allSatisfy(\.isFinite) else { throw fail("label scales or biases are not finite") }
        guard reader.bytes((16 - reader.position % 16) % 16)?.allSatisfy({ $0 == 0 }) == true else { throw fail("bad padding before the rows") }
        let rowBytes = TopicWeightTable.rowBytes(labelCount: labelCount)
        guard reader.remaining == rowCount * rowBytes + 8,
              let table = TopicWeightTable(labelCount: labelCount, bucketCount: bucketCount, bitmap: bitmap, storage: bytes, rowsStart: reader.position),
              table.rowCount == rowCount else {
            throw fail("size does not match its header (\(labelCount) labels, \(rowCount) rows)")
        }
        let unseen = bytes.withUnsafeBufferPointer { bytes in
            (0..<rowCount).contains { bytes[reader.position + $0 * rowBytes + labelCount] == 0 }
        }
        guard !unseen else { throw fail("a stored row has no document frequency") }
        self.init(identifier: identifier, labels: labels, settings: settings, table: table, scales: scales, biases: biases,
                  temperature: temperature, threshold: threshold, recipe: recipe)
    }

    /// A 64-bit checksum that reads eight bytes at a time in four independent lanes (a byte-wise hash would cost
    /// milliseconds on a model file). Each step `(lane ^ word) * odd` is a bijection of the lane, so a change
    /// within one lane's words always changes the result; the lanes are mixed at the end with SplitMix64's finaliser.
    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let prime: UInt64 = 0x0000_0100_0000_01b3
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0xcbf2_9ce4_8422_2325, 0x84222325cbf29ce4, 0x9E37_79B9_7F4A_7C15, 0xD6E8_FEB8_6659_FD93)
        let raw = UnsafeRawBufferPointer(bytes)
        var offset = 0
        while offset + 32 <= raw.count {
            lanes.0 = (lanes.0 ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))) &* prime
            lanes.1 = (lanes.1 ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))) &* prime
            lanes.2 = (lanes.2 ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))) &* prime
            lanes.3 = (lanes.3 ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))) &* prime
            offset += 32
        }
        while offset < raw.count {
            lanes.0 = (lanes.0 ^ UInt64(raw[offset])) &* prime
            offset += 1
        }
        func mix(_ value: UInt64) -> UInt64 {
            var x = value
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            return x ^ (x >> 31)
        }
        return mix(lanes.0) ^ mix(lanes.1 &+ 1) ^ mix(lanes.2 &+ 2) ^ mix(lanes.3 &+ 3) ^ mix(UInt64(raw.count))
    }

    /// Header values are single lines without tabs.
    private static func clean(_ value: String) -> String {
        String(value.map { $0 == "\n" || $0 == "\t" || $0 == "\r" ? " " : $0 })
    }

    private func append(_ value: UInt32, to out: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private func append(_ value: UInt64, to out: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
