/// The unit in which output offsets count. `text[start:end] == entity.text` holds in that unit.
public enum OffsetUnit: String, Sendable, CaseIterable {
    /// Unicode code points: Python `str`, spaCy, brat. The default.
    case codepoint
    /// UTF-16 code units: Java, JavaScript, C#.
    case utf16
    /// UTF-8 bytes.
    case utf8
}

/// Converts UTF-8 offsets of one text to another unit, counting the text's code points between consecutive
/// offsets only once.
enum OffsetConverter {
    /// The units from the start of a text to each UTF-8 offset of an ascending sequence, counting only the bytes
    /// since the previous offset; an offset before the previous one is counted from the start again.
    struct ForwardCounter {
        private let bytes: [UInt8]
        private let utf16: Bool
        private let identity: Bool
        /// The text's length when it is all ASCII (most news is): every unit is then one byte, and an offset
        /// converts to itself, kept inside the text as counting keeps it.
        private let asciiLength: Int?
        private var position = 0
        private var count = 0

        init(text: String, unit: OffsetUnit) {
            utf16 = unit == .utf16
            identity = unit == .utf8
            bytes = identity ? [] : Array(text.utf8)
            asciiLength = !identity && UTF8UnitCounter.isASCII(bytes) ? bytes.count : nil
        }

        mutating func convert(_ offset: Int) -> Int {
            if identity { return offset }
            if let asciiLength { return min(max(offset, 0), asciiLength) }
            if offset < position { position = 0; count = 0 }
            let end = max(min(offset, bytes.count), position)
            count += UTF8UnitCounter.units(in: bytes, position..<end, utf16: utf16)
            position = end
            return count
        }
    }
}
