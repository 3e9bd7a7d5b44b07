import Gazette

/// brat standoff: the document's text as a `.txt` file and its entities as an `.ann` file, one text-bound
/// annotation per entity (`T1<TAB>PERSON 19 33<TAB>Antony Blinken`) with offsets in characters (code points, as
/// brat counts them), and the linked entity's canonical name and id as an `AnnotatorNotes` note
/// (`#1<TAB>AnnotatorNotes T1<TAB>Antony Blinken (gz:person/antony-blinken)`).
public enum BratExport {
    /// The `.txt` and `.ann` files of one record.
    public static func files(_ record: ExportRecord) -> (text: [UInt8], annotations: [UInt8]) {
        var lines = ""
        var noteNumber = 0
        for (index, entity) in record.entities.enumerated() {
            let fragments = lineFragments(entity.utf8Range, in: record.offsets.utf8)
            let spans = fragments.map {
                "\(record.offsets.offset(ofUTF8: $0.lowerBound, in: .codepoint)) \(record.offsets.offset(ofUTF8: $0.upperBound, in: .codepoint))"
            }
            let shown = fragments.map { record.offsets.text($0) }.joined(separator: " ")
            lines += "T\(index + 1)\t\(entity.label) \(spans.joined(separator: ";"))\t\(shown)\n"
            if let note = note(entity) {
                noteNumber += 1
                lines += "#\(noteNumber)\tAnnotatorNotes T\(index + 1)\t\(note)\n"
            }
        }
        return (record.offsets.utf8, Array(lines.utf8))
    }

    /// The note of a linked entity: its canonical name and id, `Antony Blinken (gz:person/antony-blinken)`, or
    /// whichever of them it has; nil for an entity that is not linked.
    static func note(_ entity: ExportEntity) -> String? {
        let name = entity.name.map(oneLine), id = entity.linkID.map(oneLine)
        switch (name, id) {
        case let (name?, id?): return "\(name) (\(id))"
        case let (name?, nil): return name
        case let (nil, id?): return id
        case (nil, nil): return nil
        }
    }

    /// The pieces of `range` between line breaks: brat writes an annotation that spans lines as fragments.
    static func lineFragments(_ range: Range<Int>, in utf8: [UInt8]) -> [Range<Int>] {
        var fragments: [Range<Int>] = []
        var start = range.lowerBound
        for offset in range where utf8[offset] == 0x0A || utf8[offset] == 0x0D {
            if offset > start { fragments.append(start..<offset) }
            start = offset + 1
        }
        if range.upperBound > start { fragments.append(start..<range.upperBound) }
        return fragments
    }

    /// `text` with tabs and line breaks as spaces: an `.ann` line holds one annotation.
    private static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }

    /// A file name for the record's two files (without extension): its id with every character other than letters,
    /// digits, `.`, `-` and `_` as `_` (at most 100 of them; never `.` or `..` alone), or `line-N` when it has none.
    public static func baseName(_ record: ExportRecord) -> String {
        guard let id = record.id, !id.isEmpty else { return "line-\(record.line)" }
        let safe = String(id.unicodeScalars.prefix(100).map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar))
                ? Character(scalar) : "_"
        })
        return safe.allSatisfy { $0 == "." } ? "line-\(record.line)" : safe
    }
}

extension BratExport {
    /// brat's `annotation.conf` for a folder of documents using `labels`: Gazette's labels and any others, as entity
    /// types.
    public static func configuration(labels: [String]) -> String {
        var all = LabelStudioExport.standardLabels
        for label in labels where !all.contains(label) { all.append(label) }
        return "[entities]\n" + all.map { $0 + "\n" }.joined() + "[relations]\n[events]\n[attributes]\n"
    }
}
