/// One list to compile: a shipped entity list (`Gazetteers/places.tsv`) or a user's file (`--gazetteer FILE`).
public struct GazetteerList: Sendable {
    /// How a list is written.
    public enum Format: String, Sendable {
        /// Gazette's TSV: a header naming at least `name` and `label`, then one entity per line (see
        /// `Gazetteers/README.md`).
        case tsv
        /// spaCy EntityRuler patterns: one `{"label", "pattern", "id"}` object per line.
        case jsonl
    }

    /// Written as the source of every entity from this list: `gazetteer:places`.
    public var source: String
    /// The path named in error messages.
    public var file: String
    /// The list's contents (UTF-8).
    public var bytes: [UInt8]
    /// How the contents are written.
    public var format: Format
    /// A user's list: its surface forms take precedence over shipped ones.
    public var isUser: Bool

    /// A list of `bytes` written in `format`; `source` names it in output, `file` in error messages.
    public init(source: String, file: String, bytes: [UInt8], format: Format, isUser: Bool) {
        self.source = source
        self.file = file
        self.bytes = bytes
        self.format = format
        self.isUser = isUser
    }

    /// A user's list read from `path`: JSON Lines when the name ends in `.jsonl` or `.json`, TSV otherwise; the
    /// source is `gazetteer:` plus the file name without its extension.
    public static func user(path: String, bytes: [UInt8]) -> GazetteerList {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let lower = name.lowercased()
        let format: Format = lower.hasSuffix(".jsonl") || lower.hasSuffix(".json") ? .jsonl : .tsv
        let stem = name.contains(".") ? String(name[..<name.lastIndex(of: ".")!]) : name
        return GazetteerList(source: "gazetteer:" + stem, file: path, bytes: bytes, format: format, isUser: true)
    }
}

/// One row of a list, before entries are merged and names tokenised.
struct GazetteerRow {
    var name: String
    var label: String
    var id: String?
    var forms: [SurfaceFormDraft]
    var prior: Double?
    var flags: EntryFlags
    var kind: String?
    var country: String?
    var description: String?
    var xrefs: [String]
    var file: String
    var line: Int
}

/// A surface form as listed: text to tokenise like a document, or (spaCy token patterns) tokens given directly.
struct SurfaceFormDraft: Hashable {
    enum Marker: Hashable {
        /// Case and context decided from the form and the entry (see `GazetteerCompiler.policy`).
        case automatic
        /// `=Name`: exact case and supporting context.
        case exact
        /// `?Name`: found by lookup, never matched in text.
        case lookupOnly
        /// A spaCy string pattern: the exact text, no context needed.
        case phrase
    }

    /// One token of a spaCy token pattern: `{"LOWER": "new"}` (any case) or `{"ORTH": "New"}` (this case).
    struct PatternToken: Hashable {
        var text: String
        var caseSensitive: Bool
    }

    var text: String
    var marker: Marker
    var patternTokens: [PatternToken]?
    var isUser: Bool
}

extension String {
    /// Labels that other tools write for Gazette's: spaCy's `GPE` is a place (`LOC`), CoNLL's `PER` a `PERSON`.
    var normalizedEntityLabel: String {
        switch self.uppercased() {
        case "GPE", "LOCATION": return "LOC"
        case "PER", "PERS": return "PERSON"
        case "ORGANIZATION", "ORGANISATION": return "ORG"
        default: return self
        }
    }
}
