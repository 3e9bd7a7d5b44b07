import CGazetteWeb

/// Guesses the encoding of bytes that declare none, with libuchardet (Mozilla's universal charset detector), which
/// measured more accurate than ICU's detector (Benchmarks/charsets/README.md).
public struct CharsetDetector: Sendable, Hashable {
    /// The libraries that can guess; ICU's stays for measurements.
    enum Engine: String, Sendable, Hashable, CaseIterable {
        /// ICU's `ucsdet_*`.
        case icu
        /// libuchardet.
        case uchardet
    }

    /// The library that guesses.
    let engine: Engine

    /// A detector using libuchardet.
    public init() {
        self.engine = .uchardet
    }

    /// A detector using `engine`.
    init(engine: Engine) {
        self.engine = engine
    }

    /// The encoding the engine guesses for `bytes`, or nil when it has no guess that browsers can decode. With
    /// `markup` set, HTML tags are left out of what the engine sees (they are ASCII and only dilute the evidence).
    /// Only the first `sampleLimit` bytes are read: enough evidence for any page, and detection time stays bounded.
    public func detect(_ bytes: ArraySlice<UInt8>, markup: Bool = false) -> WebEncoding? {
        let sample = bytes.prefix(Self.sampleLimit)
        let input = markup ? Self.withoutTags(sample) : Array(sample)
        var name = [CChar](repeating: 0, count: 64)
        switch engine {
        case .icu:
            let confidence = input.withUnsafeBufferPointer { gzw_icu_detect($0.baseAddress, Int32($0.count), 0, &name, 64) }
            guard confidence > 0 else { return nil }
        case .uchardet:
            let status = input.withUnsafeBufferPointer { gzw_uchardet_detect($0.baseAddress, Int32($0.count), &name, 64) }
            guard status == Int32(GZW_OK) else { return nil }
        }
        let label = String(decoding: name.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let encoding = WebEncoding(label: label) ?? Self.extraNames[label.lowercased()],
              encoding != .replacement else { return nil }
        return encoding
    }

    /// How many bytes the detector reads at most.
    public static let sampleLimit = 1 << 20

    /// Names the engines use that are no label of the Encoding Standard.
    private static let extraNames: [String: WebEncoding] = [
        "iso-8859-8-i": .iso8859_8I, "maccyrillic": .xMacCyrillic, "mac-cyrillic": .xMacCyrillic,
    ]

    /// `bytes` without what lies between "<" and ">", so that a detector sees the text of a page.
    static func withoutTags(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 2)
        var inTag = false
        for byte in bytes {
            if inTag {
                if byte == 0x3E { inTag = false; output.append(0x20) }
            } else if byte == 0x3C {
                inTag = true
            } else {
                output.append(byte)
            }
        }
        return output
    }
}
