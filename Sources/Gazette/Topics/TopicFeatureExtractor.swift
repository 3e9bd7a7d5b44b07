/// Turns a document into hashed topic features: words, word pairs, optionally character n-grams and entities.
///
/// Features come from the document's matching keys (`tokenKeys`: case-folded, diacritics folded), so "Election",
/// "ELECTION" and "election" are one feature and lower-cased headlines and cased articles share a vocabulary.
/// The trainer and the model both call this type, so training and scoring cannot drift apart.
public struct TopicFeatureExtractor: Sendable {
    /// Which features are made and how they are hashed.
    public let settings: TopicFeatureSettings
    private let mask: UInt64

    /// An extractor with `settings`.
    public init(settings: TopicFeatureSettings) {
        self.settings = settings
        mask = UInt64(settings.bucketCount - 1)
    }

    /// The layers a document needs before its features can be read.
    public var requiredLayers: Set<Layer> {
        settings.entities == .none ? [.tokens, .tokenKeys] : [.tokens, .tokenKeys, .entities]
    }

    /// Each distinct feature bucket of `document` with the number of times it occurred, in first-seen order.
    /// With `markingPairs`, also which buckets only word pairs reached (the trainer prunes those separately).
    public func counts(of document: Document, markingPairs: Bool = false) -> TopicFeatureCounts {
        var sink = CountingSink(markingPairs: markingPairs, known: nil)
        defer { sink.deallocate() }
        walk(document, into: &sink)
        return sink.counts()
    }

    /// Like `counts(of:)`, but only for buckets whose bit is set in `known` (64 buckets a word): a model passes
    /// the buckets it has weights for, so that unknown words and pairs (most pairs in a long article) cost no
    /// counting.
    func counts(of document: Document, known: [UInt64]) -> TopicFeatureCounts {
        withCounts(of: document, known: known) { buckets, counts in
            TopicFeatureCounts(buckets: Array(buckets), counts: Array(counts))
        }
    }

    /// `counts(of:known:)` handed to `body` as buffers that live only for the call: scoring allocates no arrays
    /// for them.
    func withCounts<Result>(of document: Document, known: [UInt64],
                            _ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<Float>) -> Result) -> Result {
        known.withUnsafeBufferPointer { known in
            var sink = CountingSink(markingPairs: false, known: known)
            defer { sink.deallocate() }
            walk(document, into: &sink)
            return sink.withCounts { buckets, counts, _ in body(buckets, counts) }
        }
    }

    /// A readable name for each bucket that `document` touches (the first feature seen in it), for explanations.
    public func names(in document: Document) -> [UInt32: String] {
        var sink = NamingSink()
        walk(document, into: &sink)
        return sink.names
    }

    // MARK: The walk shared by counting and naming

    private func walk<Sink: FeatureSink>(_ document: Document, into sink: inout Sink) {
        // The normaliser's key hashes are the word hashes of keys without digits.
        let keys = document.tokenKeys.keys, keyHashes = document.tokenKeys.hashes
        document.tokens.withUnsafeBufferPointer { tokens in
            keys.withUnsafeBufferPointer { keys in
                keyHashes.withUnsafeBufferPointer { keyHashes in
                    walkTokens(tokens, keys, keyHashes, into: &sink)
                }
            }
        }
        switch settings.entities {
        case .none:
            break
        case .labels, .ids:
            for entity in document.entities {
                let label = entity.label.rawValue
                sink.add(bucket(Family.entityLabel.seed ^ Self.fnv(label.utf8)), pair: false) { "entity:" + label }
                if settings.entities == .ids, let id = entity.id {
                    sink.add(bucket(Family.entityID.seed ^ Self.fnv(id.utf8)), pair: false) { "entity:" + id }
                }
            }
        }
    }

    @inline(__always)
    private func walkTokens<Sink: FeatureSink>(_ tokens: UnsafeBufferPointer<Token>, _ keys: UnsafeBufferPointer<String>,
                                               _ keyHashes: UnsafeBufferPointer<UInt64>, into sink: inout Sink) {
        let count = min(tokens.count, keys.count)
        var previous: UInt64?
        var previousIndex = 0
        var words = 0
        let maxWords = settings.maxWords > 0 ? settings.maxWords : Int.max
        for index in 0..<count {
            let kind = tokens[index].kind
            let keyHash = keyHashes[index]
            guard kind == .word || kind == .number else {
                // An apostrophe on its own (from "trump 's") is skipped like the clitic after it. A key whose hash is
                // not the apostrophe's is not one: its bytes are read only otherwise.
                if keyHash != Self.apostropheHash || !Self.isApostrophe(keys[index]) { previous = nil }
                continue
            }
            // The key is read in place (not copied into a local), which spares a retain and release per token.
            let (role, hash) = termRoleAndHash(keys[index], keyHash: keyHash)
            switch role {
            case .separator:
                previous = nil
                continue
            case .transparent:
                continue
            case .term:
                words &+= 1
            }
            if words > maxWords { break }
            sink.add(bucket(Family.word.seed ^ hash), pair: false) { displayKey(keys[index]) }
            if settings.wordBigrams, let left = previous {
                let leftIndex = previousIndex
                sink.add(bucket(Family.bigram.seed ^ (left &* 0x9E37_79B9_7F4A_7C15) ^ hash), pair: true) { displayKey(keys[leftIndex]) + " " + displayKey(keys[index]) }
            }
            previous = hash
            previousIndex = index
            if let grams = settings.characterNGrams {
                addCharacterNGrams(of: keys[index], sizes: grams, into: &sink)
            }
        }
    }

    private func addCharacterNGrams<Sink: FeatureSink>(of key: String, sizes: ClosedRange<Int>, into sink: inout Sink) {
        var bytes: [UInt8] = [UInt8(ascii: "<")]
        bytes.reserveCapacity(key.utf8.count + 2)
        for byte in key.utf8 { bytes.append(foldedByte(byte)) }
        bytes.append(UInt8(ascii: ">"))
        for start in 0..<bytes.count {
            var hash = Self.fnvOffset
            for length in 1...sizes.upperBound {
                let end = start + length
                guard end <= bytes.count else { break }
                hash = Self.fnvStep(hash, bytes[end - 1])
                if length >= sizes.lowerBound {
                    sink.add(bucket(Family.characters.seed ^ hash), pair: false) { String(decoding: bytes[start..<end], as: UTF8.self) + "…" }
                }
            }
        }
    }

    // MARK: Tokens

    enum Role { case term, transparent, separator }

    /// The role of a word or number token's key, and its hash (digits folded). Words and numbers are terms;
    /// clitics split off by tokenisation ("'s", "n't") are skipped without breaking a word pair, so "trump 's plan"
    /// and "Trump's plan" give the same pairs; a key with no letter or digit separates pairs. A key without digits
    /// hashes as it is, so the normaliser's hash (`keyHash`) is the word's hash.
    @inline(__always)
    private func termRoleAndHash(_ key: borrowing String, keyHash: UInt64) -> (Role, UInt64) {
        let utf8 = key.utf8
        if let result = utf8.withContiguousStorageIfAvailable({ termRoleAndHash($0, keyHash: keyHash) }) { return result }
        return Array(utf8).withUnsafeBufferPointer { termRoleAndHash($0, keyHash: keyHash) }
    }

    @inline(__always)
    private func termRoleAndHash(_ bytes: UnsafeBufferPointer<UInt8>, keyHash: UInt64) -> (Role, UInt64) {
        // The classes of the bytes (a short key's from the word that also tells a clitic), then a hash only when
        // the normaliser's cannot be used.
        let classes: UInt8
        if bytes.count < 4 {
            let word = Self.shortWord(bytes)
            if Self.isClitic(word, count: bytes.count) { return (.transparent, 0) }
            classes = Self.classes(ofEight: word)
        } else {
            classes = Self.byteClasses(bytes)
        }
        let role: Role = classes != 0 ? .term : .separator
        guard classes & 2 != 0, settings.foldDigits else { return (role, keyHash) }
        var hash = Self.fnvOffset
        for byte in bytes { hash = Self.fnvStep(hash, foldedByte(byte)) }
        return (role, hash)
    }

    /// Bit 0: some byte is an ASCII letter or not ASCII; bit 1: some byte is a digit. Keys of four bytes or more
    /// are read eight bytes at a time (two overlapping loads cover a shorter or uneven rest; a byte read twice
    /// does not change the answer).
    @inline(__always)
    static func byteClasses(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let count = bytes.count
        guard let base = bytes.baseAddress.map(UnsafeRawPointer.init), count > 0 else { return 0 }
        // A zero byte is in no class, so a short key's zero-padded word has its classes.
        if count < 4 { return classes(ofEight: shortWord(bytes)) }
        if count < 8 {
            let low = UInt64(UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
            return classes(ofEight: low | high << 32)
        }
        var classes: UInt8 = 0
        var offset = 0
        while offset + 8 <= count {
            classes |= Self.classes(ofEight: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        if offset < count {
            classes |= Self.classes(ofEight: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)))
        }
        return classes
    }

    /// `byteClasses` of eight bytes in a word, without carries between bytes ("has a byte between m and n" from
    /// Bit Twiddling Hacks: each byte's sums stay below 256).
    @inline(__always)
    private static func classes(ofEight word: UInt64) -> UInt8 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7 = ones &* 0x7F, high = ones &* 0x80
        /// Whether some byte b of `x` has m < b < n (0 ≤ m ≤ 127, 0 ≤ n ≤ 128).
        @inline(__always) func hasBetween(_ x: UInt64, _ m: UInt64, _ n: UInt64) -> Bool {
            ((ones &* (127 + n) &- (x & low7)) & ~x & ((x & low7) &+ ones &* (127 - m)) & high) != 0
        }
        let nonASCII = word & high != 0
        let letter = hasBetween(word | ones &* 0x20, 0x60, 0x7B)
        let digit = hasBetween(word, 0x2F, 0x3A)
        return (nonASCII || letter ? 1 : 0) | (digit ? 2 : 0)
    }

    /// FNV-1a of "'" (the normaliser's key hash of a lone apostrophe).
    static let apostropheHash = fnvStep(fnvOffset, UInt8(ascii: "'"))

    @inline(__always)
    static func isApostrophe(_ key: String) -> Bool {
        let utf8 = key.utf8
        return utf8.count == 1 && utf8.first == UInt8(ascii: "'")
    }

    /// The bytes of a key shorter than four bytes, little-endian in a zero-padded word (0 for an empty key): the
    /// first, middle and last byte are all its bytes.
    @inline(__always)
    static func shortWord(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = bytes.count
        guard count > 0 else { return 0 }
        let middle = count >> 1, last = count - 1
        return UInt64(bytes[0]) | UInt64(bytes[middle]) << UInt64(8 * middle) | UInt64(bytes[last]) << UInt64(8 * last)
    }

    /// Whether the key of `count` bytes (fewer than four) whose `shortWord` is `word` is a clitic: "'s", "'re", "'ve",
    /// "'ll", "'d", "'m", "n't", and the "s" or "t" left when tokenisation split an apostrophe off.
    @inline(__always)
    static func isClitic(_ word: UInt64, count: Int) -> Bool {
        let apostrophe = UInt64(UInt8(ascii: "'"))
        let notClitic = UInt64(UInt8(ascii: "n")) | apostrophe << 8 | UInt64(UInt8(ascii: "t")) << 16
        if count == 1 { return word == UInt64(UInt8(ascii: "s")) || word == UInt64(UInt8(ascii: "t")) }
        return word & 0xFF == apostrophe || word == notClitic
    }

    private func foldedByte(_ byte: UInt8) -> UInt8 {
        settings.foldDigits && byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? UInt8(ascii: "0") : byte
    }

    private func displayKey(_ key: String) -> String {
        guard settings.foldDigits, key.utf8.contains(where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }) else { return key }
        return String(decoding: key.utf8.map(foldedByte), as: UTF8.self)
    }

    // MARK: Hashing

    /// Feature families hash into the same buckets with different seeds.
    private enum Family: UInt64 {
        case word = 0x77, bigram = 0x62, characters = 0x63, entityLabel = 0x74, entityID = 0x65
        var seed: UInt64 { rawValue &* 0xD6E8_FEB8_6659_FD93 }
    }

    static var fnvOffset: UInt64 { FNV1a.offsetBasis }

    @inline(__always)
    static func fnvStep(_ hash: UInt64, _ byte: UInt8) -> UInt64 { FNV1a.step(hash, byte) }

    static func fnv(_ bytes: some Sequence<UInt8>) -> UInt64 { FNV1a.hash(bytes) }

    /// SplitMix64's finaliser spreads FNV's weak low bits over the whole word before masking.
    @inline(__always)
    private func bucket(_ hash: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: HashMixing.splitMix64(hash) & mask)
    }
}

/// The features of one document: distinct buckets and how often each occurred.
public struct TopicFeatureCounts: Sendable, Hashable {
    /// The distinct buckets, in first-seen order.
    public var buckets: [UInt32]
    /// How often each bucket occurred.
    public var counts: [Float]
    /// For training only (empty otherwise): whether only word pairs reached each bucket.
    public var pairOnly: [Bool] = []

    /// Counts of given buckets.
    public init(buckets: [UInt32] = [], counts: [Float] = []) {
        self.buckets = buckets
        self.counts = counts
    }
}

private protocol FeatureSink {
    mutating func add(_ bucket: UInt32, pair: Bool, name: () -> String)
}

/// Collects features as they come and counts the distinct known ones at the end.
///
/// Adding only appends to a buffer allocated by hand (freed by `deallocate`), with no uniqueness or bounds checks.
/// Unknown buckets are dropped afterwards in one tight loop: there the bitmap loads of many features are in flight
/// at once and no branch depends on them (whether a word pair's bucket is known cannot be predicted).
private struct CountingSink: FeatureSink {
    let markingPairs: Bool
    /// When given, only buckets whose bit is set here are counted.
    let known: UnsafeBufferPointer<UInt64>?
    /// Features in order; bit 31 marks a word pair (buckets have at most 24 bits).
    private var pending: UnsafeMutablePointer<UInt32>
    private var capacity: Int
    private var count = 0
    private static let pairBit: UInt32 = 1 << 31

    init(markingPairs: Bool, known: UnsafeBufferPointer<UInt64>?) {
        self.markingPairs = markingPairs
        self.known = known
        capacity = 1024
        pending = .allocate(capacity: capacity)
    }

    func deallocate() { pending.deallocate() }

    @inline(__always)
    mutating func add(_ bucket: UInt32, pair: Bool, name: () -> String) {
        if count == capacity { grow() }
        pending[count] = pair ? bucket | Self.pairBit : bucket
        count &+= 1
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity * 2)
        larger.update(from: pending, count: count)
        pending.deallocate()
        pending = larger
        capacity *= 2
    }

    /// The distinct buckets in first-seen order with their counts, found through a small open-addressing table
    /// (no sorting, no dictionary).
    func counts() -> TopicFeatureCounts {
        withCounts { buckets, counts, pairOnly in
            var result = TopicFeatureCounts(buckets: Array(buckets), counts: Array(counts))
            result.pairOnly = Array(pairOnly)
            return result
        }
    }

    /// `counts()` handed to `body` as buffers that live only for the call (`pairOnly` is empty unless
    /// `markingPairs`). The distinct buckets are written over the pending features, which they never overtake.
    func withCounts<Result>(_ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<Float>, UnsafeBufferPointer<Bool>) -> Result) -> Result {
        var count = count
        if let known {
            var kept = 0
            for index in 0..<count {
                let bucket = pending[index] & ~Self.pairBit
                pending[kept] = pending[index]
                kept &+= Int(truncatingIfNeeded: (known[Int(bucket >> 6)] >> UInt64(bucket & 63)) & 1)
            }
            count = kept
        }
        var size = 64
        while size < count * 2 { size <<= 1 }
        let mask = size - 1
        let empty = UInt32.max
        let markingPairs = markingPairs, pending = pending
        // Slot s holds a bucket (`empty` when free) and its position among the distinct buckets.
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: size) { slots in
            slots.initialize(repeating: UInt64(empty))
            return withUnsafeTemporaryAllocation(of: Float.self, capacity: count) { counts in
                withUnsafeTemporaryAllocation(of: Bool.self, capacity: markingPairs ? count : 0) { pairOnly in
                    var distinct = 0
                    for index in 0..<count {
                        let feature = pending[index]
                        let bucket = feature & ~Self.pairBit
                        let pair = feature & Self.pairBit != 0
                        var slot = Int(bucket &* 0x9E37_79B1) & mask
                        while true {
                            let held = slots[slot]
                            let heldBucket = UInt32(truncatingIfNeeded: held)
                            if heldBucket == empty {
                                slots[slot] = UInt64(bucket) | UInt64(distinct) << 32
                                pending[distinct] = bucket
                                counts.initializeElement(at: distinct, to: 1)
                                if markingPairs { pairOnly.initializeElement(at: distinct, to: pair) }
                                distinct &+= 1
                                break
                            }
                            if heldBucket == bucket {
                                let position = Int(held >> 32)
                                counts[position] += 1
                                if markingPairs && !pair { pairOnly[position] = false }
                                break
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                    return body(UnsafeBufferPointer(start: pending, count: distinct), UnsafeBufferPointer(rebasing: counts[..<distinct]),
                                UnsafeBufferPointer(rebasing: pairOnly[..<(markingPairs ? distinct : 0)]))
                }
            }
        }
    }
}

private struct NamingSink: FeatureSink {
    var names: [UInt32: String] = [:]

    mutating func add(_ bucket: UInt32, pair: Bool, name: () -> String) {
        if names[bucket] == nil { names[bucket] = name() }
    }
}
