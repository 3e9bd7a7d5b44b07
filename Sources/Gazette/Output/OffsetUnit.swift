/// The unit in which output offsets count. `text[start:end] == entity.text` holds in that unit.
public enum OffsetUnit: String, Sendable, CaseIterable {
    /// Unicode code points: Python `str`, spaCy, brat. The default.
    case codepoint
    /// UTF-16 code units: Java, JavaScript, C#.
    case utf16
    /// UTF-8 bytes.
    case utf8
}

/// Converts sorted UTF-8 offsets of one text to another unit in a single pass over the text.
struct OffsetConverter {
    private var offsets: [Int] = []
    private var converted: [Int] = []

    init(text: String, utf8Offsets: [Int], unit: OffsetUnit) {
        let sorted = Array(Set(utf8Offsets)).sorted()
        offsets = sorted
        guard unit != .utf8 else {
            converted = sorted
            return
        }
        converted.reserveCapacity(sorted.count)
        var count = 0
        var position = 0
        var next = 0
        for byte in text.utf8 {
            while next < sorted.count, sorted[next] == position {
                converted.append(count)
                next += 1
            }
            if next == sorted.count { break }
            if byte & 0xC0 != 0x80 {  // a lead byte starts a code point
                count += (unit == .utf16 && byte >= 0xF0) ? 2 : 1
            }
            position += 1
        }
        while next < sorted.count {  // offsets at the very end of the text
            converted.append(count)
            next += 1
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
