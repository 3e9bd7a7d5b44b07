/// The `.nermodel` file format, version 1 (little-endian):
/// magic `GZNERM1\n`, u32 version, u32 tag count, u32 feature count, u32 recipe length, recipe (UTF-8 lines
/// `key\tvalue`), f64 calibration slope and intercept, f32 transitions, u64 feature hashes (sorted), f32 weights,
/// and a u64 FNV-1a checksum of every byte before it.
extension EntitySequenceModel {
    static let magic = Array("GZNERM1\n".utf8)
    static let formatVersion: UInt32 = 1

    public func serialized() -> [UInt8] {
        var out = Self.magic
        let features = features()
        let recipeBytes = Array(recipe.keys.sorted().map { "\($0)\t\(recipe[$0]!)\n" }.joined().utf8)
        append(Self.formatVersion, to: &out)
        append(UInt32(EntityTag.count), to: &out)
        append(UInt32(features.count), to: &out)
        append(UInt32(recipeBytes.count), to: &out)
        out += recipeBytes
        append(calibration.slope.bitPattern, to: &out)
        append(calibration.intercept.bitPattern, to: &out)
        for value in transitions { append(value.bitPattern, to: &out) }
        for feature in features { append(feature.hash, to: &out) }
        for feature in features {
            for t in 0..<EntityTag.count { append(feature.weights[t].bitPattern, to: &out) }
        }
        var checksum = FNV1a()
        checksum.combine(out)
        append(checksum.value, to: &out)
        return out
    }

    /// Reads a model file's bytes; `file` names it in errors. Never crashes on bad input.
    public init(bytes: [UInt8], file: String) throws(GazetteError) {
        func fail(_ why: String) -> GazetteError { GazetteError(.resourceMalformed, "\(file): \(why)") }
        guard bytes.count >= Self.magic.count + 24, Array(bytes[0..<Self.magic.count]) == Self.magic else {
            throw fail("not a Gazette entity model (bad magic)")
        }
        var checksum = FNV1a()
        checksum.combine(bytes[0..<(bytes.count - 8)])
        var reader = ByteReader(bytes: bytes, position: bytes.count - 8)
        guard reader.u64() == checksum.value else { throw fail("checksum mismatch (file corrupt or truncated)") }
        reader = ByteReader(bytes: bytes, position: Self.magic.count)
        guard let version = reader.u32(), version == Self.formatVersion else { throw fail("unsupported format version") }
        guard let tagCount = reader.u32(), tagCount == UInt32(EntityTag.count) else { throw fail("tag set differs from this Gazette's") }
        guard let featureCount = reader.u32().map(Int.init), let recipeLength = reader.u32().map(Int.init),
              let recipeBytes = reader.bytes(recipeLength),
              let slope = reader.u64().map(Double.init(bitPattern:)), let intercept = reader.u64().map(Double.init(bitPattern:)) else {
            throw fail("truncated header")
        }
        let transitionCount = (EntityTag.count + 1) * EntityTag.count
        guard reader.remaining == transitionCount * 4 + featureCount * 8 + featureCount * EntityTag.count * 4 + 8 else {
            throw fail("size does not match its header")
        }
        let transitions = (0..<transitionCount).map { _ in Float(bitPattern: reader.u32()!) }
        let hashes = (0..<featureCount).map { _ in reader.u64()! }
        // Written sorted (`serialized`): strictly increasing, or some hash is listed twice.
        for i in hashes.indices.dropFirst() where hashes[i - 1] >= hashes[i] {
            throw fail(hashes[i - 1] == hashes[i] ? "duplicate feature hashes" : "feature hashes out of order")
        }
        let weights = (0..<(featureCount * EntityTag.count)).map { _ in Float(bitPattern: reader.u32()!) }
        var recipe: [String: String] = [:]
        for line in String(decoding: recipeBytes, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { recipe[String(parts[0])] = String(parts[1]) }
        }
        self.init(sortedHashes: hashes, weights: weights, transitions: transitions, calibration: (slope, intercept), recipe: recipe)
    }

    private func append(_ value: UInt32, to out: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private func append(_ value: UInt64, to out: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
