import CGazetteWeb

/// exttextcat (LibreOffice's n-gram language guesser, Debian's libexttextcat) over its Debian fingerprints, kept to
/// measure against CLD2 (see Benchmarks/charsets/README.md). Not thread-safe.
final class TextcatGuesser {
    private let handle: UnsafeMutableRawPointer

    /// A guesser over the fingerprints in `folder` (Debian: /usr/share/libexttextcat/), nil when they are missing.
    init?(folder: String = "/usr/share/libexttextcat/") {
        guard let handle = gzw_textcat_open(folder + "fpdb.conf", folder) else { return nil }
        self.handle = handle
    }

    deinit { gzw_textcat_close(handle) }

    /// The first candidate's language ("en" from "[en--utf8][de--utf8]"), or "und" for SHORT and UNKNOWN.
    func identify(_ text: String) -> String {
        var out = [CChar](repeating: 0, count: 256)
        var text = text
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { gzw_textcat_classify(handle, $0.baseAddress, Int32($0.count), &out, 256) }
        }
        let answer = String(decoding: out.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard answer.hasPrefix("["), let end = answer.firstIndex(where: { $0 == "-" || $0 == "]" }) else {
            return LanguageIdentifier.undetermined
        }
        return String(answer[answer.index(after: answer.startIndex)..<end])
    }
}
