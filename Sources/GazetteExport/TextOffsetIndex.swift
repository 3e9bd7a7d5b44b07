import Gazette

/// The offsets of one text in every unit Gazette writes (code points, UTF-16 units, UTF-8 bytes), each mapped to
/// the UTF-8 offset it stands for and back. Exporters read a record's offsets in the unit the record declares and
/// write them in the unit their consumer counts (Python `str` characters, that is code points, for spaCy, brat and
/// Label Studio).
public struct TextOffsetIndex: Sendable {
    /// The text's UTF-8 bytes.
    public let utf8: [UInt8]
    // The UTF-8 offset of each code point boundary (the text's end included), ascending.
    private let scalarStarts: [Int]
    // The UTF-16 offset of each code point boundary, parallel to `scalarStarts`.
    private let utf16Starts: [Int]

    /// The index of `text`.
    public init(_ text: String) {
        utf8 = Array(text.utf8)
        var scalarStarts: [Int] = []
        var utf16Starts: [Int] = []
        scalarStarts.reserveCapacity(utf8.count + 1)
        utf16Starts.reserveCapacity(utf8.count + 1)
        var byteOffset = 0, utf16Offset = 0
        for scalar in text.unicodeScalars {
            scalarStarts.append(byteOffset)
            utf16Starts.append(utf16Offset)
            byteOffset += UTF8.width(scalar)
            utf16Offset += UTF16.width(scalar)
        }
        scalarStarts.append(byteOffset)
        utf16Starts.append(utf16Offset)
        self.scalarStarts = scalarStarts
        self.utf16Starts = utf16Starts
    }

    /// The length of the text in `unit`.
    public func length(in unit: OffsetUnit) -> Int {
        switch unit {
        case .codepoint: scalarStarts.count - 1
        case .utf16: utf16Starts.last!
        case .utf8: utf8.count
        }
    }

    /// The UTF-8 offset of `offset` counted in `unit`, or nil when it is past the end or inside a code point (a
    /// UTF-8 offset inside a multi-byte sequence, a UTF-16 offset between the halves of a surrogate pair).
    public func utf8Offset(of offset: Int, in unit: OffsetUnit) -> Int? {
        guard offset >= 0 else { return nil }
        switch unit {
        case .codepoint:
            return offset < scalarStarts.count ? scalarStarts[offset] : nil
        case .utf16:
            return boundaryIndex(of: offset, in: utf16Starts).map { scalarStarts[$0] }
        case .utf8:
            return boundaryIndex(of: offset, in: scalarStarts) != nil ? offset : nil
        }
    }

    /// The offset in `unit` of the UTF-8 offset `offset`, which must lie on a code point boundary.
    public func offset(ofUTF8 offset: Int, in unit: OffsetUnit) -> Int {
        guard unit != .utf8 else { return offset }
        guard let index = boundaryIndex(of: offset, in: scalarStarts) else {
            preconditionFailure("UTF-8 offset \(offset) is not on a code point boundary")
        }
        return unit == .codepoint ? index : utf16Starts[index]
    }

    /// The text between two UTF-8 offsets.
    public func text(_ range: Range<Int>) -> String {
        String(decoding: utf8[range], as: UTF8.self)
    }

    /// Where `offset` is in the ascending `boundaries`, if it is one of them.
    private func boundaryIndex(of offset: Int, in boundaries: [Int]) -> Int? {
        var low = 0, high = boundaries.count
        while low < high {
            let middle = (low + high) / 2
            if boundaries[middle] < offset { low = middle + 1 } else { high = middle }
        }
        return low < boundaries.count && boundaries[low] == offset ? low : nil
    }
}
