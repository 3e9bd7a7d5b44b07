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
struct OffsetConverter {
    private var offsets: [Int] = []
    private var converted: [Int] = []

    init(text: String, utf8Offsets: [Int], unit: OffsetUnit) {
        var sorted = utf8Offsets
        sorted.sort()
        var unique = 0  // drop repeats in place
        for offset in sorted where unique == 0 || sorted[unique - 1] != offset {
            sorted[unique] = offset
            unique += 1
        }
        sorted.removeLast(sorted.count - unique)
        offsets = sorted
        guard unit != .utf8 else {
            converted = sorted
            return
        }
        converted.reserveCapacity(sorted.count)
        let counted: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var position = 0, count = 0
            for offset in sorted {
                let end = min(max(offset, position), bytes.count)
                count += Self.units(bytes, position..<end, utf16: unit == .utf16)
                position = end
                converted.append(count)
            }
        }
        if counted == nil {  // a text without contiguous UTF-8 (bridged): walk it byte by byte
            var count = 0, position = 0, next = 0
            for byte in text.utf8 {
                while next < sorted.count, sorted[next] == position {
                    converted.append(count)
                    next += 1
                }
                if next == sorted.count { break }
                if byte & 0xC0 != 0x80 { count += (unit == .utf16 && byte >= 0xF0) ? 2 : 1 }
                position += 1
            }
            while next < sorted.count {
                converted.append(count)
                next += 1
            }
        }
    }

    /// Code points (or UTF-16 code units) that start in `bytes[range]`: lead bytes, counting four-byte sequences
    /// twice for UTF-16. Eight bytes at a time: a continuation byte is 10xxxxxx, a four-byte lead 11110xxx.
    static func units(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, utf16: Bool) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let high: UInt64 = 0x8080_8080_8080_8080
        var count = 0
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let continuations = word & ~(word << 1) & high
            count += 8 - continuations.nonzeroBitCount
            if utf16 && word & high != 0 {
                count += (word & (word << 1) & (word << 2) & (word << 3) & high).nonzeroBitCount
            }
            i += 8
        }
        while i < range.upperBound {
            let byte = base[i]
            if byte & 0xC0 != 0x80 { count += (utf16 && byte >= 0xF0) ? 2 : 1 }
            i += 1
        }
        return count
    }

    /// The units from the start of `bytes` to each UTF-8 offset of an ascending sequence, counting only the bytes
    /// since the previous offset; an offset before the previous one is counted from the start again.
    struct ForwardCounter {
        let utf16: Bool
        let identity: Bool
        private var position = 0
        private var count = 0

        init(unit: OffsetUnit) {
            utf16 = unit == .utf16
            identity = unit == .utf8
        }

        @inline(__always)
        mutating func convert(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
            if identity { return offset }
            if offset < position { position = 0; count = 0 }
            let end = min(offset, bytes.count)
            count += OffsetConverter.units(bytes, position..<max(end, position), utf16: utf16)
            position = max(end, position)
            return count
        }
    }

    func convert(_ offset: Int) -> Int {
        var low = 0, high = offsets.count
        while low < high {
            let mid = (low + high) / 2
            if offsets[mid] < offset { low = mid + 1 } else { high = mid }
        }
        return converted[low]
    }
}
