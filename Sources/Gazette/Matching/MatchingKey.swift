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

/// Adds one matching key per token, and the key's 64-bit FNV-1a hash (`FNV1a`): later stages look keys up
/// by that hash instead of hashing the same bytes again.
public struct TokenNormalizer: Stage {
    /// The stage's name.
    public let name = "normalizer"
    /// Tokens.
    public let requires: Set<Layer> = [.tokens]
    /// The keys and their hashes.
    public let provides: Set<Layer> = [.tokenKeys]

    /// The normaliser (it has no settings).
    public init() {}

    /// Adds the `tokenKeys` layer.
    public func process(_ document: inout Document) throws {
        document.tokenKeys = RecentKeys.ofThisThread.keys(of: document.tokens, in: document.text)
    }
}
