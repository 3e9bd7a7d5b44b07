import CICU

/// The normalised form under which tokens and gazetteer names are compared.
///
/// NFKC case folding (ICU's `nfkc_cf`), typographic quotes and dashes folded to ASCII, combining diacritical marks
/// dropped (Zürich = Zurich, İ = i), and periods dropped so that "U.S." = "US". Offsets are unaffected: keys are
/// only compared, never sliced.
public enum MatchingKey {
    /// The key of a piece of UTF-8 text.
    public static func fold(_ bytes: UnsafeBufferPointer<UInt8>, foldDiacritics: Bool = true) -> String {
        // One pass decides between the ASCII fast path (nearly every token of English news) and ICU.
        var hasLetter = false
        var isASCII = true
        for byte in bytes {
            if byte >= 0x80 {
                isASCII = false
                break
            }
            hasLetter = hasLetter || byte.isASCIILetter
        }
        if isASCII {
            return asciiKey(bytes, hasLetter: hasLetter)
        }
        var capacity = bytes.count * 3 + 16
        while true {
            var output = [UInt8](repeating: 0, count: capacity)
            let length = output.withUnsafeMutableBufferPointer { out in
                gz_fold_key(bytes.baseAddress, Int32(bytes.count), foldDiacritics ? 1 : 0, out.baseAddress, Int32(capacity))
            }
            if length < 0 {  // ICU failed: fall back to a plain lower-casing rather than lose the token
                return String(decoding: bytes, as: UTF8.self).lowercased()
            }
            if Int(length) <= capacity {
                return dropPeriods(output[0..<Int(length)])
            }
            capacity = Int(length)
        }
    }

    /// The key of a piece of UTF-8 text and its 64-bit FNV-1a hash (`FeatureHash.of(key)`), made in one pass for the
    /// ASCII tokens that nearly all tokens are.
    public static func foldAndHash(_ bytes: UnsafeBufferPointer<UInt8>) -> (key: String, hash: UInt64) {
        var hash = FeatureHash.offsetBasis
        var needsFold = false
        let key = String(unsafeUninitializedCapacity: bytes.count) { out in
            // Locals, written back once: the closure's captured variables live in memory, and the hash's chain of
            // multiplications must not wait for a store and a load at every byte.
            var localHash = FeatureHash.offsetBasis
            var union: UInt8 = 0  // high bit: a non-ASCII byte
            var letters = 0, periods = 0
            for index in bytes.indices {
                let byte = bytes[index]
                union |= byte
                letters |= (byte | 0x20) &- 97 < 26 ? 1 : 0
                periods |= byte == UInt8(ascii: ".") ? 1 : 0
                let folded = byte &- 65 < 26 ? byte | 0x20 : byte
                out[index] = folded
                localHash = (localHash ^ UInt64(folded)) &* FeatureHash.prime
            }
            hash = localHash
            // Periods stay in the key only when there is no letter ("3.5", "..."), as this pass kept them.
            needsFold = union >= 0x80 || letters & periods != 0
            return needsFold ? 0 : bytes.count
        }
        if !needsFold { return (key, hash) }
        let folded = fold(bytes)
        return (folded, FeatureHash.of(folded))
    }

    /// The key of a string (used for names in gazetteers and word lists).
    public static func fold(_ string: String, foldDiacritics: Bool = true) -> String {
        var string = string
        return string.withUTF8 { fold($0, foldDiacritics: foldDiacritics) }
    }

    private static func asciiKey(_ bytes: UnsafeBufferPointer<UInt8>, hasLetter: Bool) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var n = 0
            for byte in bytes where !(hasLetter && byte == UInt8(ascii: ".")) {
                out[n] = byte.isASCIIUpper ? byte + 32 : byte
                n += 1
            }
            return n
        }
    }

    private static func dropPeriods(_ bytes: ArraySlice<UInt8>) -> String {
        let hasLetter = bytes.contains { $0.isASCIILetter || $0 >= 0x80 }
        guard hasLetter, bytes.contains(UInt8(ascii: ".")) else { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: bytes.lazy.filter { $0 != UInt8(ascii: ".") }, as: UTF8.self)
    }
}

/// Adds one matching key per token, and the key's 64-bit FNV-1a hash (`FeatureHash.of`): later stages look keys up
/// by that hash instead of hashing the same bytes again.
public struct TokenNormalizer: Stage {
    public let name = "normalizer"
    public let requires: Set<Layer> = [.tokens]
    public let provides: Set<Layer> = [.tokenKeys]

    public init() {}

    public func process(_ document: inout Document) throws {
        var text = document.text
        let tokens = document.tokens
        var hashes: [UInt64] = []
        let keys = text.withUTF8 { bytes in
            [String](unsafeUninitializedCapacity: tokens.count) { keys, keyCount in
                hashes = [UInt64](unsafeUninitializedCapacity: tokens.count) { hashes, hashCount in
                    for (index, token) in tokens.enumerated() {
                        let (key, hash) = MatchingKey.foldAndHash(UnsafeBufferPointer(rebasing: bytes[token.utf8Range]))
                        keys.initializeElement(at: index, to: key)
                        hashes.initializeElement(at: index, to: hash)
                    }
                    hashCount = tokens.count
                }
                keyCount = tokens.count
            }
        }
        document.tokenKeys = keys
        document.tokenKeyHashes = hashes
    }
}
