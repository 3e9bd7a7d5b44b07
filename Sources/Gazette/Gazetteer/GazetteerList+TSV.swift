extension GazetteerList {
    /// The rows of a TSV list. The first line that is neither blank nor a `#` comment is the header; it must name
    /// the columns `name` and `label`. Known columns: `id`, `aliases` (`|`-separated, `?` before an alias: lookup
    /// only, `=`: exact case and context), `prior`, `flags` (comma-separated: `ambiguous`, `distinctive`, `lookup`), `kind`,
    /// `country`, `description`, `xrefs` (`|`-separated). Other columns are ignored.
    func tsvRows() throws(GazetteError) -> [GazetteerRow] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw GazetteError(.resourceMalformed, "\(file): not valid UTF-8")
        }
        var rows: [GazetteerRow] = []
        var header: [String]?
        var column: [String: Int] = [:]
        var lineNumber = 0
        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine[...]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.isEmpty || line.first == UInt8(ascii: "#") || line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { trimmed($0) }
            guard let columns = header else {
                header = fields
                for (index, name) in fields.enumerated() where column[name] == nil { column[name] = index }
                guard column["name"] != nil, column["label"] != nil else {
                    throw GazetteError(.resourceMalformed, "\(file) line \(lineNumber): the header must name the columns 'name' and 'label' (tab-separated), found '\(fields.joined(separator: " | "))'")
                }
                continue
            }
            guard fields.count <= columns.count else {
                throw GazetteError(.resourceMalformed, "\(file) line \(lineNumber): \(fields.count) tab-separated fields, but the header has \(columns.count)")
            }
            func field(_ name: String) -> String? {
                guard let index = column[name], index < fields.count, !fields[index].isEmpty else { return nil }
                return fields[index]
            }
            guard let name = field("name") else { throw GazetteError(.resourceMalformed, "\(file) line \(lineNumber): the name is empty") }
            guard let label = field("label") else { throw GazetteError(.resourceMalformed, "\(file) line \(lineNumber): '\(name)' has no label") }
            var prior: Double?
            if let text = field("prior") {
                guard let value = Double(text), (0...1).contains(value) else {
                    throw GazetteError(.resourceMalformed, "\(file) line \(lineNumber): prior '\(text)' of '\(name)' is not a number in [0, 1]")
                }
                prior = value
            }
            var flags: EntryFlags = isUser ? .user : []
            for flag in (field("flags") ?? "").split(separator: ",").map({ trimmed($0.utf8) }) where !flag.isEmpty {
                switch flag {
                case "ambiguous": flags.insert(.ambiguous)
                case "distinctive": flags.insert(.distinctive)
                case "lookup": flags.insert(.lookupOnly)
                default: throw GazetteError(.resourceMalformed, "\(file) line \(lineNumber): unknown flag '\(flag)' (known: ambiguous, distinctive, lookup)")
                }
            }
            var forms = [SurfaceFormDraft(text: name, marker: .automatic, patternTokens: nil, isUser: isUser)]
            for alias in (field("aliases") ?? "").split(separator: "|").map({ trimmed($0.utf8) }) where !alias.isEmpty {
                var marker = SurfaceFormDraft.Marker.automatic
                var text = alias
                if alias.hasPrefix("?") { marker = .lookupOnly; text = trimmed(alias.utf8.dropFirst()) }
                else if alias.hasPrefix("=") { marker = .exact; text = trimmed(alias.utf8.dropFirst()) }
                if !text.isEmpty { forms.append(SurfaceFormDraft(text: text, marker: marker, patternTokens: nil, isUser: isUser)) }
            }
            let xrefs = (field("xrefs") ?? "").split(separator: "|").map { trimmed($0.utf8) }.filter { !$0.isEmpty }
            rows.append(GazetteerRow(name: name, label: isUser ? label.normalizedEntityLabel : label, id: field("id"), forms: forms,
                                     prior: prior, flags: flags, kind: field("kind"), country: field("country"),
                                     description: field("description"), xrefs: xrefs, file: file, line: lineNumber))
        }
        guard header != nil else { throw GazetteError(.resourceMalformed, "\(file): no header line (expected columns 'name' and 'label')") }
        return rows
    }
}

/// A field without surrounding spaces, tabs or carriage returns.
private func trimmed<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> String {
    var slice = bytes[...]
    while let first = slice.first, first == 0x20 || first == 0x09 || first == 0x0D { slice = slice.dropFirst() }
    var end = slice.endIndex
    while end > slice.startIndex {
        let before = slice.index(end, offsetBy: -1)
        let byte = slice[before]
        guard byte == 0x20 || byte == 0x09 || byte == 0x0D else { break }
        end = before
    }
    return String(decoding: slice[slice.startIndex..<end], as: UTF8.self)
}
