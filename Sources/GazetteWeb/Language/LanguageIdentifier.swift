import CGazetteWeb

/// Identifies the language of a text with CLD2 (Google's Compact Language Detector 2, Debian's libcld2): an ISO 639-1
/// code and a confidence, or "und" when the text is too short or too mixed to tell. Stateless and thread-safe.
public struct LanguageIdentifier: Sendable {
    /// A language identification.
    public struct Identification: Sendable, Hashable {
        /// ISO 639-1 code ("en", "de", "zh"; Chinese in both scripts is "zh"), or `LanguageIdentifier.undetermined`.
        public var language: String
        /// 0–1: the share of the text's letters in `language` when CLD2 deems the answer reliable, else 0.
        public var confidence: Double
        /// CLD2's best guess even when it is unreliable ("und" when it has none).
        public var guess: String
        /// How many bytes of letters were scored.
        public var letterBytes: Int
    }

    /// The code for "no reliable answer" (ISO 639-2's "undetermined").
    public static let undetermined = "und"

    /// Texts with fewer letter bytes than this are "und" whatever CLD2 says (it guesses English on very short text).
    public var minimumLetterBytes: Int

    /// Only the first `sampleBytes` bytes of a text are read (cut at a character boundary): CLD2 reads about 6 MB/s,
    /// and a few kilobytes decide a document's language as well as the whole (Benchmarks/charsets/README.md).
    public var sampleBytes: Int

    /// An identifier that answers "und" below `minimumLetterBytes` bytes of letters and reads the first
    /// `sampleBytes` bytes of a text.
    public init(minimumLetterBytes: Int = 24, sampleBytes: Int = 2048) {
        self.minimumLetterBytes = minimumLetterBytes
        self.sampleBytes = sampleBytes
    }

    /// The language of `text` (plain text; HTML tags would be scored as words).
    public func identify(_ text: String) -> Identification {
        var code = [CChar](repeating: 0, count: 16)
        var percent: Int32 = 0
        var letterBytes: Int32 = 0
        var reliable: Int32 = 0
        var sample = Self.interchangeable(Self.prefix(of: text, bytes: sampleBytes))
        let status = sample.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                gzw_cld2_detect($0.baseAddress, Int32($0.count), 1, &code, 16, &percent, &letterBytes, &reliable)
            }
        }
        let cld2Code = String(decoding: code.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let guess = Self.iso639_1(cld2Code)
        guard status == Int32(GZW_OK), reliable != 0, Int(letterBytes) >= minimumLetterBytes,
              guess != Self.undetermined else {
            return Identification(language: Self.undetermined, confidence: 0, guess: guess, letterBytes: Int(letterBytes))
        }
        return Identification(language: guess, confidence: Double(percent) / 100, guess: guess, letterBytes: Int(letterBytes))
    }

    /// The longest prefix of `text` of at most `bytes` UTF-8 bytes that ends on a character boundary.
    static func prefix(of text: String, bytes: Int) -> String {
        let utf8 = text.utf8
        guard utf8.count > bytes else { return text }
        var end = utf8.index(utf8.startIndex, offsetBy: bytes)
        while end > utf8.startIndex, UTF8.isContinuation(utf8[end]) { end = utf8.index(before: end) }
        return String(text[..<end])
    }

    /// `text` with the characters CLD2 refuses as not "interchange-valid" UTF-8 (C0 and C1 controls but tab, line
    /// feed and carriage return; DEL; noncharacters) replaced by spaces: one such character (U+009D from a page's
    /// stray windows-1252 byte, say) would otherwise make the whole text "und".
    static func interchangeable(_ text: String) -> String {
        func refused(_ scalar: Unicode.Scalar) -> Bool {
            let value = scalar.value
            return (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || (value >= 0x7F && value <= 0x9F)
                || (value >= 0xFDD0 && value <= 0xFDEF) || value & 0xFFFE == 0xFFFE
        }
        guard text.unicodeScalars.contains(where: refused) else { return text }
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { cleaned.append(refused(scalar) ? " " : scalar) }
        return String(cleaned)
    }

    /// CLD2's code as ISO 639-1: "zh-Hant" is "zh", "un" is "und"; CLD2's few other codes with a region or
    /// script ("sr-ME", "xx-Qaai") keep their language part.
    static func iso639_1(_ code: String) -> String {
        if code.isEmpty || code == "un" { return undetermined }
        guard let dash = code.firstIndex(of: "-") else { return code }
        let language = String(code[..<dash])
        return language == "xx" ? undetermined : language
    }
}
