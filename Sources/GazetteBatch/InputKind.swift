/// What a file or archive member holds, decided from its name.
enum InputKind: Equatable, Sendable {
    /// One plain-text document (`.txt`, `.text`, `.md`, or no extension).
    case text
    /// One HTML document (`.html`, `.htm`, `.xhtml`), reduced to its text.
    case html
    /// One JSON object (`.json`).
    case json
    /// JSON Lines, one document per line (`.jsonl`, `.ndjson`).
    case jsonLines
    /// WARC records (`.warc`).
    case warc
    /// ARC records (`.arc`), the format before WARC.
    case arc
    /// An archive of members (`.tar` and its compressed forms, `.zip`).
    case archive
    /// Anything else: skipped.
    case unsupported

    /// The kind of a file or member, and whether it is compressed as a whole (`.gz`, `.bz2`, `.xz`, `.zst`).
    static func of(name: String) -> (kind: InputKind, compressed: Bool) {
        let base = name.split(separator: "/", omittingEmptySubsequences: true).last.map { $0.lowercased() } ?? ""
        if base.isEmpty || base.hasPrefix(".") { return (.unsupported, false) }
        for suffix in archiveSuffixes where base.hasSuffix(suffix) && base.count > suffix.count { return (.archive, false) }
        var stem = Substring(base)
        var compressed = false
        for suffix in compressionSuffixes where stem.hasSuffix(suffix) && stem.count > suffix.count {
            stem = stem.dropLast(suffix.count)
            compressed = true
            break
        }
        guard let dot = stem.lastIndex(of: ".") else { return (.text, compressed) }
        switch stem[stem.index(after: dot)...] {
        case "txt", "text", "md": return (.text, compressed)
        case "html", "htm", "xhtml": return (.html, compressed)
        case "json": return (.json, compressed)
        case "jsonl", "ndjson": return (.jsonLines, compressed)
        case "warc": return (.warc, compressed)
        case "arc": return (.arc, compressed)
        default: return (.unsupported, compressed)
        }
    }

    private static let archiveSuffixes = [".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz",
                                          ".tar.zst", ".tzst", ".zip"]
    private static let compressionSuffixes = [".gz", ".bz2", ".xz", ".zst"]
}
