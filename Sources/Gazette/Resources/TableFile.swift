/// Parses Gazette's plain data files: one record per line, `#` comments, blank lines ignored; TSV files start
/// with a header row naming the columns.
enum TableFile {
    /// The non-comment, non-blank lines of a word list, trimmed of spaces, tabs and "\r". Works on the UTF-8 bytes
    /// and integer offsets: word lists are read at every start, and walking `String.Index`es byte by byte cost
    /// about a hundred instructions a byte.
    static func lines(_ text: String) -> [Substring] {
        var text = text
        var bounds: [(lower: Int, upper: Int)] = []
        text.withUTF8 { bytes in scanLines(bytes) { bounds.append(($0, $1)) } }
        // Offsets next to "\n", " ", "\t" or "\r" are character boundaries; native UTF-8 indices offset in O(1).
        let utf8 = text.utf8
        return bounds.map { text[utf8.index(utf8.startIndex, offsetBy: $0.lower)..<utf8.index(utf8.startIndex, offsetBy: $0.upper)] }
    }

    /// Calls `body` with the UTF-8 bytes of each line `lines(_:)` gives, in order, making no string of them: for
    /// lists that only fold and hash each line (about half the cost of building the slices).
    static func forEachLine(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            scanLines(bytes) { lower, upper in body(UnsafeBufferPointer(rebasing: bytes[lower..<upper])) }
        }
    }

    /// The byte offsets of each non-comment, non-blank line, trimmed of spaces, tabs and "\r".
    private static func scanLines(_ bytes: UnsafeBufferPointer<UInt8>, _ line: (Int, Int) -> Void) {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var lower = start, upper = end
            while lower < upper, isSpace(bytes[lower]) { lower += 1 }
            while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
            if lower < upper, bytes[lower] != UInt8(ascii: "#") { line(lower, upper) }
            start = end + 1
        }
    }

    /// Each line of `text` (without its "\n"), as a range of UTF-8 indices.
    private static func utf8Lines(_ text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "\n") {
                ranges.append(start..<index)
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start != utf8.endIndex { ranges.append(start..<utf8.endIndex) }
        return ranges
    }

    /// Rows of a TSV file as dictionaries keyed by the header's column names.
    /// Throws if a required column is missing or a row has more fields than the header.
    static func rows(_ text: String, file: String, required: [String]) throws(GazetteError) -> [[String: Substring]] {
        var header: [String]?
        var rows: [[String: Substring]] = []
        var lineNumber = 0
        for range in utf8Lines(text) {
            lineNumber += 1
            var line = text[range]
            if line.utf8.last == 0x0D { line = text[range.lowerBound..<line.utf8.index(before: line.utf8.endIndex)] }
            if line.isEmpty || line.utf8.first == UInt8(ascii: "#") { continue }
            let fields = line.utf8.split(separator: 0x09, omittingEmptySubsequences: false).map { Substring($0) }
            guard let columns = header else {
                header = fields.map { String($0.trimmingSpaces()) }
                for column in required where !header!.contains(column) {
                    throw GazetteError(.resourceMalformed, "\(file): header lacks column '\(column)'")
                }
                continue
            }
            guard fields.count <= columns.count else {
                throw GazetteError(.resourceMalformed, "\(file) line \(lineNumber): \(fields.count) fields, header has \(columns.count)")
            }
            var row: [String: Substring] = [:]
            for (column, field) in zip(columns, fields) { row[column] = field.trimmingSpaces() }
            rows.append(row)
        }
        return rows
    }
}

extension StringProtocol {
    package func trimmingSpaces() -> Substring {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" || first == "\r" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice = slice.dropLast() }
        return Substring(slice)
    }
}
