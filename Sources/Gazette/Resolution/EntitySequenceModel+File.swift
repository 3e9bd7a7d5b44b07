/// The `.nermodel` file: a `ResourceContainer` of kind `NERMODEL`, format version 2, with the sections
///
/// ```
/// recipe   UTF-8 lines `key\tvalue`, keys sorted
/// shape    u32 tag count · u32 feature count · f64 calibration slope · f64 calibration intercept
/// trans    f32 transition weights, (tag count + 1) × tag count
/// hashes   u64 feature hashes, strictly increasing
/// weights  f32 per feature and tag
/// ```
///
/// Files of the version-1 format (magic `GZNERM1\n`, FNV-1a checksum) are still read, so that models trained
/// before the container keep working; `serialized()` writes the container. Files of 7 tags (trained before the
/// NORP tag) load with NORP's weights zero and every transition into NORP -∞: they never predict NORP.
extension EntitySequenceModel {
    static let formatVersion: UInt32 = 2
    /// The signature of version-1 files.
    static let legacyMagic = Array("GZNERM1\n".utf8)

    /// The model as a `.nermodel` file.
    public func serialized() -> [UInt8] {
        let features = features()
        var shape = ByteWriter(), transitionBytes = ByteWriter(), hashes = ByteWriter(), weights = ByteWriter()
        shape.u32(UInt32(EntityTag.count))
        shape.u32(UInt32(features.count))
        shape.u64(calibration.slope.bitPattern)
        shape.u64(calibration.intercept.bitPattern)
        for value in transitions { transitionBytes.f32(value) }
        for feature in features {
            hashes.u64(feature.hash)
            for t in 0..<EntityTag.count { weights.f32(feature.weights[t]) }
        }
        var container = ResourceContainer.Writer(kind: .entityModel, version: Self.formatVersion)
        container.add("recipe", Array(recipe.keys.sorted().map { "\($0)\t\(recipe[$0]!)\n" }.joined().utf8))
        container.add("shape", shape.bytes)
        container.add("trans", transitionBytes.bytes)
        container.add("hashes", hashes.bytes)
        container.add("weights", weights.bytes)
        return container.bytes()
    }

    /// Reads a model file's bytes; `file` names it in errors. Never crashes on bad input.
    public init(bytes: [UInt8], file: String) throws(GazetteError) {
        func fail(_ why: String) -> GazetteError { GazetteError(.resourceMalformed, "\(file): \(why)") }
        let parts = ResourceContainer.isContainer(bytes) ? try Self.containerParts(bytes, file: file) : try Self.legacyParts(bytes, file: file)
        let tags = Int(parts.tagCount)
        guard tags == EntityTag.count || tags == EntityTag.countBeforeNORP else { throw fail("tag set differs from this Gazette's") }
        let transitionCount = (tags + 1) * tags
        var sections = parts.sections
        guard sections.transitions.remaining == transitionCount * 4, sections.hashes.remaining == parts.featureCount * 8,
              sections.weights.remaining == parts.featureCount * tags * 4 else {
            throw fail("size does not match its header")
        }
        let fileTransitions = (0..<transitionCount).map { _ in Float(bitPattern: sections.transitions.u32()!) }
        let hashes = (0..<parts.featureCount).map { _ in sections.hashes.u64()! }
        // Written sorted (`serialized`): strictly increasing, or some hash is listed twice.
        for i in hashes.indices.dropFirst() where hashes[i - 1] >= hashes[i] {
            throw fail(hashes[i - 1] == hashes[i] ? "duplicate feature hashes" : "feature hashes out of order")
        }
        let fileWeights = (0..<(parts.featureCount * tags)).map { _ in Float(bitPattern: sections.weights.u32()!) }
        let (transitions, weights) = Self.widened(transitions: fileTransitions, weights: fileWeights, tags: tags)
        var recipe: [String: String] = [:]
        for line in String(decoding: parts.recipe, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 1)
            if fields.count == 2 { recipe[String(fields[0])] = String(fields[1]) }
        }
        self.init(sortedHashes: hashes, weights: weights, transitions: transitions, calibration: (parts.slope, parts.intercept), recipe: recipe)
    }

    /// A file's transitions and weights with `tags` tags, as this Gazette's `EntityTag.count`: unchanged when they
    /// agree; for a model trained before NORP, NORP's weights are zero and no transition leads into it.
    private static func widened(transitions: [Float], weights: [Float], tags: Int) -> (transitions: [Float], weights: [Float]) {
        let count = EntityTag.count
        guard tags < count else { return (transitions, weights) }
        var wideTransitions = [Float](repeating: 0, count: (count + 1) * count)
        for from in 0...count {
            for to in 0..<count {
                if to >= tags {
                    wideTransitions[from * count + to] = -.infinity
                } else if from <= tags {
                    wideTransitions[from * count + to] = transitions[from * tags + to]
                }
            }
        }
        var wideWeights = [Float](repeating: 0, count: weights.count / tags * count)
        for row in 0..<(weights.count / tags) {
            for t in 0..<tags { wideWeights[row * count + t] = weights[row * tags + t] }
        }
        return (wideTransitions, wideWeights)
    }

    /// What both formats hold, with readers over the three arrays.
    private struct Parts {
        var tagCount: UInt32
        var featureCount: Int
        var recipe: ArraySlice<UInt8>
        var slope: Double
        var intercept: Double
        var sections: (transitions: ByteReader, hashes: ByteReader, weights: ByteReader)
    }

    private static func containerParts(_ bytes: [UInt8], file: String) throws(GazetteError) -> Parts {
        func fail(_ why: String) -> GazetteError { GazetteError(.resourceMalformed, "\(file): \(why)") }
        let container = try ResourceContainer.Reader(bytes: bytes, kind: .entityModel, file: file)
        guard container.version == formatVersion else { throw fail("unsupported format version") }
        guard let recipe = container.range("recipe"), var shape = container.section("shape"), let transitions = container.section("trans"),
              let hashes = container.section("hashes"), let weights = container.section("weights") else {
            throw fail("a section is missing")
        }
        guard let tagCount = shape.u32(), let featureCount = shape.u32().map(Int.init),
              let slope = shape.u64().map(Double.init(bitPattern:)), let intercept = shape.u64().map(Double.init(bitPattern:)) else {
            throw fail("truncated header")
        }
        return Parts(tagCount: tagCount, featureCount: featureCount, recipe: bytes[recipe], slope: slope, intercept: intercept,
                     sections: (transitions, hashes, weights))
    }

    /// Version 1: magic, u32 version, u32 tag count, u32 feature count, u32 recipe length, recipe, f64 slope and
    /// intercept, f32 transitions, u64 hashes, f32 weights, u64 FNV-1a checksum of every byte before it.
    private static func legacyParts(_ bytes: [UInt8], file: String) throws(GazetteError) -> Parts {
        func fail(_ why: String) -> GazetteError { GazetteError(.resourceMalformed, "\(file): \(why)") }
        guard bytes.count >= legacyMagic.count + 24, Array(bytes[0..<legacyMagic.count]) == legacyMagic else {
            throw fail("not a Gazette entity model (bad magic)")
        }
        var checksum = FNV1a()
        checksum.combine(bytes[0..<(bytes.count - 8)])
        var reader = ByteReader(bytes: bytes, position: bytes.count - 8)
        guard reader.u64() == checksum.value else { throw fail("checksum mismatch (file corrupt or truncated)") }
        reader = ByteReader(bytes: bytes, position: legacyMagic.count, end: bytes.count - 8)
        guard let version = reader.u32(), version == 1 else { throw fail("unsupported format version") }
        guard let tagCount = reader.u32(), let featureCount = reader.u32().map(Int.init), let recipeLength = reader.u32().map(Int.init),
              let recipe = reader.bytes(recipeLength),
              let slope = reader.u64().map(Double.init(bitPattern:)), let intercept = reader.u64().map(Double.init(bitPattern:)) else {
            throw fail("truncated header")
        }
        let tags = Int(tagCount)
        guard tags == EntityTag.count || tags == EntityTag.countBeforeNORP else { throw fail("tag set differs from this Gazette's") }
        let transitionBytes = (tags + 1) * tags * 4
        guard reader.remaining == transitionBytes + featureCount * 8 + featureCount * tags * 4 else {
            throw fail("size does not match its header")
        }
        let hashesStart = reader.position + transitionBytes, weightsStart = hashesStart + featureCount * 8
        return Parts(tagCount: tagCount, featureCount: featureCount, recipe: recipe, slope: slope, intercept: intercept,
                     sections: (ByteReader(bytes: bytes, position: reader.position, end: hashesStart),
                                ByteReader(bytes: bytes, position: hashesStart, end: weightsStart),
                                ByteReader(bytes: bytes, position: weightsStart, end: bytes.count - 8)))
    }
}
