/// Parses Gazette's plain data files: one record per line, `#` comments, blank lines ignored; TSV files start
/// with a header row naming the columns.
enum TableFile {
    /// The non-comment, non-blank lines of a word list, trimmed.
    static func lines(_ text: String) -> [Substring] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingSpaces()
            return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : trimmed
        }
    }

    /// Rows of a TSV file as dictionaries keyed by the header's column names.
    /// Throws if a required column is missing or a row has more fields than the header.
    static func rows(_ text: String, file: String, required: [String]) throws(GazetteError) -> [[String: Substring]] {
        var header: [String]?
        var rows: [[String: Substring]] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
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
    func trimmingSpaces() -> Substring {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" || first == "\r" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice = slice.dropLast() }
        return Substring(slice)
    }
}
