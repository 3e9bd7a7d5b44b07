import Gazette

/// How a decoder chose the encoding it used.
public enum EncodingSource: String, Sendable, Hashable {
    /// A byte-order mark at the start of the bytes.
    case bom
    /// The charset the transport gave (an HTTP `Content-Type` header, for example from a WARC record).
    case transport
    /// A `<meta charset>` or `<meta http-equiv="Content-Type">` among the first 1,024 bytes.
    case meta
    /// Guessed from the bytes: valid UTF-8, or the charset detector's answer.
    case detected
    /// Nothing else decided: windows-1252, as browsers default to for Western locales.
    case `default`
}

/// Text decoded from bytes, with how its encoding was chosen.
public struct DecodedText: Sendable, Hashable {
    /// The text, without any byte-order mark.
    public var text: String
    /// The encoding used.
    public var encoding: WebEncoding
    /// How the encoding was chosen.
    public var source: EncodingSource
    /// The encoding a `<meta>` declared, when one did (it may differ from `encoding` when a byte-order mark or the
    /// transport decided, or when the bytes are valid UTF-8 and the decoder trusts that over the declaration).
    public var declared: WebEncoding?
    /// How many malformed or unmapped byte sequences became U+FFFD.
    public var replacedSequences: Int

    /// A `GZ104` warning naming the encoding when bytes were replaced, else nothing.
    public var warnings: [Warning] {
        guard replacedSequences > 0 else { return [] }
        let sequences = replacedSequences == 1 ? "1 byte sequence" : "\(replacedSequences) byte sequences"
        return [Warning(code: .invalidUTF8,
                        message: "\(sequences) not valid in \(encoding.rawValue) (\(source.explanation)) replaced with U+FFFD")]
    }
}

extension EncodingSource {
    /// Words for warnings: how the encoding was chosen.
    var explanation: String {
        switch self {
        case .bom: "from the byte-order mark"
        case .transport: "from the transport's charset"
        case .meta: "declared in <meta>"
        case .detected: "detected"
        case .default: "the default"
        }
    }
}

/// Decodes an HTML page's bytes to text as browsers do: the HTML standard's encoding sniffing (byte-order mark, then
/// the transport's charset, then a prescan of the first 1,024 bytes for `<meta charset>`, then a detector, then
/// windows-1252), labels mapped through the Encoding Standard, and ICU's converters. Invalid bytes become U+FFFD
/// and decoding goes on. A stage with no I/O.
public struct HTMLDecoder: Sendable {
    /// The detector used when neither a byte-order mark, the transport nor a `<meta>` decides.
    public var detector: CharsetDetector
    /// When set (the default), bytes that are valid UTF-8 and not all ASCII are decoded as UTF-8 even when a
    /// `<meta>` declares a legacy encoding. Browsers obey the `<meta>`; but pages saved or re-encoded without their
    /// HTTP header often keep a stale declaration, and legacy text is almost never valid UTF-8 by accident.
    /// A byte-order mark and the transport's charset are always obeyed.
    public var trustsValidUTF8: Bool

    /// A decoder using `detector` for undeclared pages.
    public init(detector: CharsetDetector = CharsetDetector(), trustsValidUTF8: Bool = true) {
        self.detector = detector
        self.trustsValidUTF8 = trustsValidUTF8
    }

    /// Decodes `bytes`. `transportCharset` is the charset label the transport gave, if any (see
    /// `HTMLDecoder.charset(inContentType:)`); an unknown label counts as none.
    public func decode(_ bytes: some Collection<UInt8>, transportCharset: String? = nil) -> DecodedText {
        let bytes = ArraySlice(bytes)
        let declared = MetaPrescan.encoding(in: bytes)
        var (encoding, source, bomLength) = EncodingSniffer.prefix(bytes, transportCharset: transportCharset)
        if encoding == nil, let declared {
            if trustsValidUTF8, declared != .utf8, Transcoder.isNonASCIIUTF8(bytes) {
                (encoding, source) = (.utf8, .detected)
            } else {
                (encoding, source) = (declared, .meta)
            }
        }
        if encoding == nil {
            (encoding, source) = EncodingSniffer.guess(bytes, detector: detector, markup: true)
        }
        let chosen = encoding ?? .windows1252
        let result = Transcoder.decode(bytes.dropFirst(bomLength), from: chosen)
        return DecodedText(text: result.text, encoding: chosen, source: source, declared: declared,
                           replacedSequences: result.replaced)
    }

    /// The `charset` parameter of a `Content-Type` header value (`text/html; charset="ISO-8859-1"` gives
    /// "ISO-8859-1"), or nil.
    public static func charset(inContentType contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2,
                  parts[0].trimmingASCIIWhitespace().lowercased() == "charset" else { continue }
            var value = parts[1].trimmingASCIIWhitespace()
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty ? nil : value
        }
        return nil
    }
}

/// Decodes a plain text file's bytes: byte-order mark, then the transport's charset, then UTF-8 when the bytes are
/// valid UTF-8, then a detector, then windows-1252. Invalid bytes become U+FFFD and decoding goes on.
public struct PlainTextDecoder: Sendable {
    /// The detector used when the bytes are not UTF-8 and nothing declares their encoding.
    public var detector: CharsetDetector

    /// A decoder using `detector` for undeclared text.
    public init(detector: CharsetDetector = CharsetDetector()) {
        self.detector = detector
    }

    /// Decodes `bytes`; `transportCharset` as for `HTMLDecoder.decode(_:transportCharset:)`.
    public func decode(_ bytes: some Collection<UInt8>, transportCharset: String? = nil) -> DecodedText {
        let bytes = ArraySlice(bytes)
        var (encoding, source, bomLength) = EncodingSniffer.prefix(bytes, transportCharset: transportCharset)
        if encoding == nil {
            (encoding, source) = EncodingSniffer.guess(bytes, detector: detector, markup: false)
        }
        let chosen = encoding ?? .windows1252
        let result = Transcoder.decode(bytes.dropFirst(bomLength), from: chosen)
        return DecodedText(text: result.text, encoding: chosen, source: source, declared: nil,
                           replacedSequences: result.replaced)
    }
}

/// The steps that HTML and plain text decoding share.
enum EncodingSniffer {
    /// The encoding a byte-order mark or the transport's charset decides, with the mark's length.
    static func prefix(_ bytes: ArraySlice<UInt8>, transportCharset: String?)
        -> (encoding: WebEncoding?, source: EncodingSource, bomLength: Int) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, .bom, 3) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BE, .bom, 2) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LE, .bom, 2) }
        if let transportCharset, let encoding = WebEncoding(label: transportCharset) { return (encoding, .transport, 0) }
        return (nil, .default, 0)
    }

    /// UTF-8 when the bytes are valid UTF-8, else the detector's guess, else nothing (the default then decides).
    static func guess(_ bytes: ArraySlice<UInt8>, detector: CharsetDetector, markup: Bool)
        -> (encoding: WebEncoding?, source: EncodingSource) {
        if String(validating: bytes, as: UTF8.self) != nil { return (.utf8, .detected) }
        if let encoding = detector.detect(bytes, markup: markup) { return (encoding, .detected) }
        return (nil, .default)
    }
}

extension StringProtocol {
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
