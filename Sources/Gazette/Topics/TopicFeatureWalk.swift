/// The token loop of `TopicFeatureExtractor`: the kernel that turns a document's tokens and matching keys into
/// word and word-pair features, and the per-key byte tests it needs.
///
/// `addTokenFeatures` reads the tokens, keys and key hashes in place (no retain and release per token) and tells
/// a key's role from its bytes eight at a time; `referenceAddTokenFeatures` is the same walk written plainly over
/// the document's arrays and `String`s, and `TopicFeatureWalkTests` pins the two together.
enum TopicFeatureWalk {
    /// The role of a word or number token's key. Words and numbers are terms; clitics split off by tokenisation
    /// ("'s", "n't") are skipped without breaking a word pair, so "trump 's plan" and "Trump's plan" give the
    /// same pairs; a key with no letter or digit separates pairs.
    enum Role { case term, transparent, separator }

    /// Adds the word, word-pair and character n-gram features of `document`'s tokens to `sink`, in token order.
    static func addTokenFeatures<Sink: TopicFeatureSink>(of document: Document, with extractor: TopicFeatureExtractor,
                                                         into sink: inout Sink) {
        // The normaliser's key hashes are the word hashes of keys without digits.
        let keys = document.tokenKeys.keys, keyHashes = document.tokenKeys.hashes
        let text = document.text
        document.tokens.withUnsafeBufferPointer { tokens in
            keys.withUnsafeBufferPointer { keys in
                keyHashes.withUnsafeBufferPointer { keyHashes in
                    walkTokens(tokens, keys, keyHashes, text: text, with: extractor, into: &sink)
                }
            }
        }
    }

    @inline(__always)
    private static func walkTokens<Sink: TopicFeatureSink>(_ tokens: UnsafeBufferPointer<Token>, _ keys: UnsafeBufferPointer<String>,
                                                           _ keyHashes: UnsafeBufferPointer<UInt64>, text: String, with extractor: TopicFeatureExtractor,
                                                           into sink: inout Sink) {
        let settings = extractor.settings
        let count = min(tokens.count, keys.count)
        var previous: UInt64?
        var previousIndex = 0
        var words = 0
        let maxWords = settings.maxWords > 0 ? settings.maxWords : Int.max
        let gramWords = settings.characterNGramWords > 0 ? settings.characterNGramWords : Int.max
        for index in 0..<count {
            let kind = tokens[index].kind
            let keyHash = keyHashes[index]
            guard kind == .word || kind == .number else {
                // An apostrophe on its own (from "trump 's") is skipped like the clitic after it. A key whose hash is
                // not the apostrophe's is not one: its bytes are read only otherwise.
                if keyHash != apostropheHash || !isApostrophe(keys[index]) { previous = nil }
                continue
            }
            // The key is read in place (not copied into a local), which spares a retain and release per token.
            let (role, hash) = termRoleAndHash(keys[index], keyHash: keyHash, foldDigits: settings.foldDigits)
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
            sink.add(extractor.wordBucket(hash), pair: false) { TopicFeatureExtractor.surface(text, tokens[index].start..<tokens[index].end) }
            if settings.wordBigrams, let left = previous {
                let leftIndex = previousIndex
                sink.add(extractor.pairBucket(left, hash), pair: true) {
                    TopicFeatureExtractor.surface(text, tokens[leftIndex].start..<tokens[index].end)
                }
            }
            previous = hash
            previousIndex = index
            if let grams = settings.characterNGrams, words <= gramWords {
                extractor.addCharacterNGrams(of: keys[index], sizes: grams, into: &sink)
            }
        }
    }

    /// The role of a word or number token's key, and its hash (digits folded when `foldDigits`). A key without
    /// digits hashes as it is, so the normaliser's hash (`keyHash`) is the word's hash.
    @inline(__always)
    private static func termRoleAndHash(_ key: borrowing String, keyHash: UInt64, foldDigits: Bool) -> (Role, UInt64) {
        let utf8 = key.utf8
        if let result = utf8.withContiguousStorageIfAvailable({ termRoleAndHash($0, keyHash: keyHash, foldDigits: foldDigits) }) { return result }
        return Array(utf8).withUnsafeBufferPointer { termRoleAndHash($0, keyHash: keyHash, foldDigits: foldDigits) }
    }

    @inline(__always)
    private static func termRoleAndHash(_ bytes: UnsafeBufferPointer<UInt8>, keyHash: UInt64, foldDigits: Bool) -> (Role, UInt64) {
        // The classes of the bytes (a short key's from the word that also tells a clitic), then a hash only when
        // the normaliser's cannot be used.
        let classes: UInt8
        if bytes.count < 4 {
            let word = shortWord(bytes)
            if isClitic(word, count: bytes.count) { return (.transparent, 0) }
            classes = Self.classes(ofEight: word)
        } else {
            classes = byteClasses(bytes)
        }
        let role: Role = classes != 0 ? .term : .separator
        guard classes & 2 != 0, foldDigits else { return (role, keyHash) }
        var hash = FNV1a.offsetBasis
        for byte in bytes { hash = FNV1a.step(hash, TopicFeatureExtractor.foldedDigit(byte)) }
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
    static let apostropheHash = FNV1a.step(FNV1a.offsetBasis, UInt8(ascii: "'"))

    @inline(__always)
    private static func isApostrophe(_ key: String) -> Bool {
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
}

// MARK: - Reference

extension TopicFeatureWalk {
    /// `addTokenFeatures` written plainly, over the document's arrays and each key's `String`: the reference the
    /// kernel is tested against. It reads no key hash (it hashes every key itself).
    static func referenceAddTokenFeatures<Sink: TopicFeatureSink>(of document: Document, with extractor: TopicFeatureExtractor,
                                                                  into sink: inout Sink) {
        let settings = extractor.settings
        let tokens = document.tokens, keys = document.tokenKeys.keys
        let maxWords = settings.maxWords > 0 ? settings.maxWords : Int.max
        var previous: (hash: UInt64, start: Int)?
        var words = 0
        for index in 0..<min(tokens.count, keys.count) {
            let key = keys[index]
            guard tokens[index].kind == .word || tokens[index].kind == .number else {
                if Array(key.utf8) != [UInt8(ascii: "'")] { previous = nil }
                continue
            }
            let (role, hash) = referenceTermRoleAndHash(key, foldDigits: settings.foldDigits)
            if role == .separator { previous = nil }
            guard role == .term else { continue }
            words += 1
            if words > maxWords { break }
            let token = tokens[index]
            sink.add(extractor.wordBucket(hash), pair: false) { TopicFeatureExtractor.surface(document.text, token.start..<token.end) }
            if settings.wordBigrams, let left = previous {
                sink.add(extractor.pairBucket(left.hash, hash), pair: true) { TopicFeatureExtractor.surface(document.text, left.start..<token.end) }
            }
            previous = (hash, token.start)
            if let grams = settings.characterNGrams, settings.characterNGramWords == 0 || words <= settings.characterNGramWords {
                extractor.addCharacterNGrams(of: key, sizes: grams, into: &sink)
            }
        }
    }

    /// The role and hash of a key, spelled out byte by byte.
    static func referenceTermRoleAndHash(_ key: String, foldDigits: Bool) -> (Role, UInt64) {
        let bytes = Array(key.utf8)
        let clitics = ["s", "t", "n't"].map { Array($0.utf8) }
        if clitics.contains(bytes) || (bytes.count >= 2 && bytes.count <= 3 && bytes[0] == UInt8(ascii: "'")) {
            return (.transparent, 0)
        }
        let isLetter = bytes.contains { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte >= 0x80
        }
        let isDigit = bytes.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        let role: Role = isLetter || isDigit ? .term : .separator
        let hashed = foldDigits ? bytes.map(TopicFeatureExtractor.foldedDigit) : bytes
        return (role, FNV1a.hash(hashed))
    }

    /// The classes `byteClasses` gives, byte by byte: bit 0 for a letter or non-ASCII byte, bit 1 for a digit.
    static func referenceByteClasses(_ bytes: [UInt8]) -> UInt8 {
        bytes.reduce(0) { classes, byte in
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            let isLetter = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte >= 0x80
            return classes | (isLetter ? 1 : 0) | (isDigit ? 2 : 0)
        }
    }
}
