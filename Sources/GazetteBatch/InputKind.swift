#if canImport(Glibc)
import Glibc
#endif

/// What a file or archive member holds, decided from its name (and, for a file named on the command line without a
/// known extension, from its first bytes).
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
    /// An archive of members (`.tar` and its compressed forms, `.zip`, `.zipx`).
    case archive
    /// A container that batch does not read (a 7z or RAR archive named on the command line): one error record
    /// naming the file and the format.
    case unreadableContainer(String)
    /// Anything else: skipped.
    case unsupported

    /// The kind of a file or member, and whether it is compressed as a whole (`.gz`, `.bz2`, `.xz`, `.zst`, `.lz4`,
    /// `.Z`, `.lzma`, `.lz`, `.lzo`).
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

    /// The kind of a file named on the command line: by its name when the name says, else by its first bytes, so that
    /// an archive or compressed file is never read as one text document; text when neither says.
    static func of(commandLineFile path: String) -> (kind: InputKind, compressed: Bool) {
        let (kind, compressed) = of(name: path)
        let base = path.split(separator: "/").last ?? ""
        let named = kind != .unsupported && (kind != .text || base.dropFirst().contains("."))
        if named { return (kind, compressed) }
        switch Container(firstBytesOf: path) {
        case .archive: return (.archive, false)
        case .compressed: return (.text, true)
        case let .unreadable(format): return (.unreadableContainer(format), false)
        case nil: return (.text, compressed)
        }
    }

    private static let archiveSuffixes = [".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz",
                                          ".tar.zst", ".tzst", ".tar.lz4", ".tar.z", ".taz", ".tar.lzma", ".tlz",
                                          ".tar.lz", ".tar.lzo", ".zip", ".zipx"]
    private static let compressionSuffixes = [".gz", ".bz2", ".xz", ".zst", ".lz4", ".z", ".lzma", ".lz", ".lzo"]
}

/// What the first bytes of a file say it is, when they say.
enum Container: Equatable {
    /// tar or zip.
    case archive
    /// A compressed stream libarchive decompresses (gzip, bzip2, xz, zstd, lz4, compress, lzip).
    case compressed
    /// An archive batch does not read, by name ("7z archive").
    case unreadable(String)

    /// Reads the first bytes of the file at `path`; nil when they match no known container.
    init?(firstBytesOf path: String) {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var head = [UInt8](repeating: 0, count: 265)
        let count = fread(&head, 1, head.count, file)
        self.init(head: Array(head.prefix(count)))
    }

    /// The container `head`, a file's first bytes, starts.
    init?(head: [UInt8]) {
        func starts(_ magic: [UInt8]) -> Bool { head.starts(with: magic) }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) || starts([0x50, 0x4B, 0x07, 0x08])
            || (head.count >= 262 && Array(head[257..<262]) == Array("ustar".utf8)) {
            self = .archive
        } else if starts([0x1F, 0x8B]) || starts(Array("BZh".utf8)) || starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00])
                    || starts([0x28, 0xB5, 0x2F, 0xFD]) || starts([0x04, 0x22, 0x4D, 0x18]) || starts([0x1F, 0x9D])
                    || starts(Array("LZIP".utf8)) {
            self = .compressed
        } else if starts([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) {
            self = .unreadable("7z archive")
        } else if starts(Array("Rar!\u{1A}\u{07}".utf8)) {
            self = .unreadable("RAR archive")
        } else if starts([0x89, 0x4C, 0x5A, 0x4F, 0x00, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .unreadable("lzop file")
        } else {
            return nil
        }
    }
}
