#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file of the batch's input: a plain document, a JSON Lines or WARC file, or an archive.
struct BatchSource: Sendable {
    /// Position in the batch's list of sources (reading order from 0).
    var index: Int
    /// The file to open.
    var path: String
    /// The `source` field of its records: the archive or file path, or the directory given for files found in it.
    var name: String
    /// For a file found in a directory: its path under that directory (the `member` field).
    var member: String?
    var kind: InputKind
    var compressed: Bool
    /// Size in bytes (as stored).
    var size: Int
}

/// The sources of a list of inputs, in a fixed order: the inputs as given, directories walked recursively with
/// their entries sorted by name. The same inputs always give the same sources in the same order, which is what
/// lets a run resume by position. Files of unsupported kinds are counted and skipped.
final class SourceEnumerator: IteratorProtocol, Sequence {
    private var inputs: [String]
    private var nextInput = 0
    private var nextIndex = 0
    /// Directories being walked: (directory path, its path relative to the input, sorted entries, next entry).
    private var stack: [(path: String, relative: String, entries: [String], next: Int)] = []
    private var root: String = ""
    /// Files skipped because of their kind (count and a few names for the summary).
    private(set) var unsupported = 0
    private(set) var unsupportedExamples: [String] = []

    /// Real paths of directories never walked (the batch's own output folder).
    private let excluded: Set<String>

    init(inputs: [String], excluding excluded: [String] = []) {
        self.inputs = inputs
        self.excluded = Set(excluded.compactMap(Self.realPath))
    }

    func next() -> BatchSource? {
        while true {
            if let top = stack.last {
                if top.next == top.entries.count {
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let name = top.entries[top.next]
                let path = top.path == "/" ? "/" + name : top.path + "/" + name
                let relative = top.relative.isEmpty ? name : top.relative + "/" + name
                guard let status = Self.status(path) else { continue }
                if status.isDirectory {
                    // Symbolic links to directories are not followed: they could loop.
                    if Self.isSymbolicLink(path) || name.hasPrefix(".") { continue }
                    if !excluded.isEmpty, let real = Self.realPath(path), excluded.contains(real) { continue }
                    stack.append((path, relative, Self.entries(of: path), 0))
                    continue
                }
                guard status.isRegular else { continue }
                let (kind, compressed) = InputKind.of(name: name)
                switch kind {
                case .unsupported, .unreadableContainer:
                    note(unsupported: path)
                    continue
                case .text, .html, .json:
                    return make(path: path, name: root, member: relative, kind: kind, compressed: compressed, size: status.size)
                case .jsonLines, .warc, .arc, .archive:
                    return make(path: path, name: path, member: nil, kind: kind, compressed: compressed, size: status.size)
                }
            }
            guard nextInput < inputs.count else { return nil }
            let input = inputs[nextInput]
            nextInput += 1
            guard let status = Self.status(input) else {
                // Checked before the run starts; a file that vanished since becomes an error record.
                return make(path: input, name: input, member: nil, kind: .text, compressed: false, size: 0)
            }
            if status.isDirectory {
                root = Self.trimmingTrailingSlashes(input)
                stack.append((root, "", Self.entries(of: root), 0))
                continue
            }
            // A file named on the command line is read even without a known extension: by its first bytes, else as text.
            let (kind, compressed) = InputKind.of(commandLineFile: input)
            return make(path: input, name: input, member: nil, kind: kind, compressed: compressed, size: status.size)
        }
    }

    private func make(path: String, name: String, member: String?, kind: InputKind, compressed: Bool, size: Int) -> BatchSource {
        defer { nextIndex += 1 }
        return BatchSource(index: nextIndex, path: path, name: name, member: member, kind: kind, compressed: compressed, size: size)
    }

    private func note(unsupported path: String) {
        unsupported += 1
        if unsupportedExamples.count < 3 { unsupportedExamples.append(path) }
    }

    static func trimmingTrailingSlashes(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    struct Status {
        var isDirectory: Bool
        var isRegular: Bool
        var size: Int
    }

    /// `stat` of a path (following symbolic links), nil when it does not exist.
    static func status(_ path: String) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        return Status(isDirectory: type == S_IFDIR, isRegular: type == S_IFREG, size: Int(info.st_size))
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    /// Names in a directory, sorted by their bytes so that the order never depends on the locale or file system.
    static func entries(of directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
