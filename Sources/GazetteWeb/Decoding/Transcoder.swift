import CGazetteWeb

/// Bytes in a `WebEncoding` to a String, through ICU's converters (glibc's iconv for ISO-8859-16, which ICU's data
/// lacks); the only pointer code of the decoders.
/// Malformed and unmapped sequences become U+FFFD and decoding goes on to the end of the input.
enum Transcoder {
    /// The decoded text and the number of sequences replaced with U+FFFD.
    struct Result {
        var text: String
        var replaced: Int
    }

    /// Decodes `bytes` (a byte-order mark, if any, already removed) from `encoding`.
    static func decode(_ bytes: ArraySlice<UInt8>, from encoding: WebEncoding) -> Result {
        switch encoding {
        case .replacement:
            return Result(text: bytes.isEmpty ? "" : "\u{FFFD}", replaced: bytes.isEmpty ? 0 : 1)
        case .xUserDefined:
            var scalars = String.UnicodeScalarView()
            for byte in bytes {
                scalars.append(Unicode.Scalar(byte < 0x80 ? UInt32(byte) : 0xF700 + UInt32(byte))!)
            }
            return Result(text: String(scalars), replaced: 0)
        case .utf8:
            // Valid UTF-8 needs no conversion; invalid UTF-8 goes through ICU to count what it replaces.
            if let text = String(validating: bytes, as: UTF8.self) { return Result(text: text, replaced: 0) }
        default:
            if encoding.isASCIICompatible, !bytes.contains(where: { $0 >= 0x80 }), encoding != .iso2022JP {
                return Result(text: String(decoding: bytes, as: UTF8.self), replaced: 0)
            }
        }
        // ICU counts in Int32; documents are far below 1 GiB (Gazette's document size limit), so this is a guard.
        guard bytes.count < 1 << 30 else { return asciiOnly(bytes) }
        var utf16: UnsafeMutablePointer<UInt16>?
        var length: Int32 = 0
        var replaced: Int32 = 0
        let status = bytes.withUnsafeBufferPointer { buffer in
            if let converter = encoding.icuConverter {
                gzw_decode(converter, buffer.baseAddress, Int32(buffer.count), encoding.mapsHolesToC1Controls ? 1 : 0,
                           &utf16, &length, &replaced)
            } else {
                gzw_decode_iconv(encoding.rawValue, buffer.baseAddress, Int32(buffer.count), &utf16, &length, &replaced)
            }
        }
        defer { gzw_free(utf16) }
        // Only an allocation failure gets here.
        guard status == Int32(GZW_OK), let utf16 else { return asciiOnly(bytes) }
        return Result(text: String(decoding: UnsafeBufferPointer(start: utf16, count: Int(length)), as: UTF16.self),
                      replaced: Int(replaced))
    }

    /// The ASCII of `bytes`, every other byte replaced with U+FFFD: what is left when conversion is impossible.
    private static func asciiOnly(_ bytes: ArraySlice<UInt8>) -> Result {
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(byte < 0x80 ? Unicode.Scalar(byte) : "\u{FFFD}") }
        return Result(text: String(scalars), replaced: bytes.filter { $0 >= 0x80 }.count)
    }

    /// Whether `bytes` are valid UTF-8 with at least one non-ASCII character.
    static func isNonASCIIUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.contains(where: { $0 >= 0x80 }) && String(validating: bytes, as: UTF8.self) != nil
    }
}
