import ArgumentParser

/// How the filter splits its input into documents.
enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    /// JSON Lines if the first non-blank character is "{", HTML if the input starts with `<!DOCTYPE html` or `<html`,
    /// else plain text.
    case auto
    /// The whole input (each FILE) is one document.
    case text
    /// Each line is one document.
    case lines
    /// Each line is one JSON object with a text field.
    case jsonl
    /// The whole input (each FILE) is one web page.
    case html

    static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension InputFormat {
    /// Whether `prefix` (the first bytes of an input) begins a web page: `<!DOCTYPE html` or `<html`, in any case,
    /// after an optional UTF-8 byte-order mark and white space.
    static func looksLikeHTML(_ prefix: ArraySlice<UInt8>) -> Bool {
        var bytes = prefix
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        bytes = bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C }
        let lowered = bytes.prefix(16).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        for opening in ["<!doctype html", "<html"] {
            let opening = Array(opening.utf8)
            guard lowered.starts(with: opening) else { continue }
            // The tag name ends there: "<html>", "<html lang=...>", "<!doctype html>", not "<htmlx".
            guard lowered.count > opening.count else { return true }
            let next = lowered[opening.count]
            return next == UInt8(ascii: ">") || next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == 0x0C
        }
        return false
    }
}
