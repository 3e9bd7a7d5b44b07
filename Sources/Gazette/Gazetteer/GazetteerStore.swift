/// Where the compiled gazetteer is kept between runs.
public enum GazetteerCache: Sendable, Hashable {
    /// `$GAZETTE_CACHE_DIR`, else `$XDG_CACHE_HOME/gazette`, else `~/.cache/gazette`, else a folder in `$TMPDIR` or
    /// `/tmp`; the first that is writable.
    case automatic
    /// This folder (created if needed).
    case directory(String)
    /// Compile on every load.
    case disabled
}

/// Loads the gazetteers of a resource folder plus a user's lists, from the compiled cache when it is current.
///
/// The inputs are every `Gazetteers/*.tsv` and `Gazetteers/*.txt` (entity lists are the TSVs whose header starts
/// with `name<TAB>label`; `common-words.txt` and `ambiguous-names.txt` decide which names are common words; the word lists are hashed too,
/// because they shape the output) and any other files the caller wants stamped (models). Their `Provenance`, with
/// that of a user's lists (`--gazetteer FILE`, compiled on each load as an overlay), is the gazetteer's
/// `provenance`, stamped on every output record; the cache keeps it so that a current cache reads no input.
///
/// The cache file records each input's identity (device, inode), size, and modification and status-change times:
/// when they all match, the compiled file is mapped and its checksum checked, and nothing else is read. An edit
/// always changes the status-change time (which no program can set back), so an edit that keeps the size and the
/// modification time is noticed too. Otherwise the inputs are read and hashed; if only stamped files changed (or
/// files were touched, copied or unpacked again), the compiled sections are kept under the new hash; else
/// everything is compiled again. The cache is replaced atomically, under a file lock so that processes starting
/// together compile once. A cache file that is truncated, corrupt or from another version is never used.
public enum GazetteerStore {
    /// How a load went.
    public struct Report: Sendable, Hashable {
        /// Where the loaded gazetteer came from.
        public enum Origin: Sendable, Hashable {
            /// Mapped from a current cache file.
            case cache
            /// The cached compiled sections under a new content hash (only stamped files changed, or files were
            /// touched).
            case restamped
            /// Compiled, for the reason given ("no cache file", "inputs changed", "cache file is corrupt ...").
            case compiled(reason: String)
        }

        /// Whether the gazetteer was mapped from the cache, kept under a new hash, or compiled (and why).
        public var origin: Origin
        /// The cache file used or written; nil without a cache.
        public var cachePath: String?
        /// Whether the cache file was (re)written.
        public var cacheWritten: Bool
    }

    /// The files whose words count as common words for case policies: ordinary English words, and names in the
    /// gazetteers that are usually not entities ("Nice", "Reading", "Bill").
    public static let commonWordsFiles: Set<String> = ["common-words.txt", "ambiguous-names.txt"]
    /// Ordinary English words: lower-case text and names made only of such words (see `GazetteerCompiler`).
    public static let englishWordsFile = "english-words.txt"

    /// Loads (or compiles) the gazetteer of `resources` plus `userLists`; `stampedFiles` (absolute or relative
    /// paths) count in the content hash only. A user's lists are compiled on each load, as an overlay whose names
    /// take precedence over the shipped ones; only the shipped lists are cached.
    public static func load(resources: ResourceDirectory, userLists: [String] = [], stampedFiles: [String] = [],
                            cache: GazetteerCache = .automatic, segmenter: Segmenter) throws(GazetteError) -> (Gazetteer, Report) {
        let inputs = try Inputs(resources: resources, stampedFiles: stampedFiles)
        let overlay = try userOverlay(userLists, inputs: inputs, segmenter: segmenter)
        let path = cachePath(for: inputs, cache: cache)
        var previous: GazetteerImage?
        var problem = "no cache"
        if let path {
            switch openCache(path, expecting: inputs) {
            case let .success(image):
                return (Gazetteer(layers: overlay + [image]), Report(origin: .cache, cachePath: path, cacheWritten: false))
            case let .failure(failure): problem = failure.reason; previous = failure.intact
            }
        }
        let lock = path.flatMap { GazetteerFiles.lock($0 + ".lock") }
        defer { if let lock { GazetteerFiles.unlock(lock) } }
        if let path, lock != nil {
            switch openCache(path, expecting: inputs) {
            case let .success(image):  // another process compiled it while this one waited for the lock
                return (Gazetteer(layers: overlay + [image]), Report(origin: .cache, cachePath: path, cacheWritten: false))
            case let .failure(failure):
                previous = failure.intact
            }
        }
        let (image, origin, written) = try build(inputs, segmenter: segmenter, reusing: previous, writingTo: path, reason: problem)
        return (Gazetteer(layers: overlay + [image]), Report(origin: origin, cachePath: path, cacheWritten: written))
    }

    /// Compiles unconditionally and writes the cache (`gazette gazetteer compile`).
    public static func compile(resources: ResourceDirectory, userLists: [String] = [], stampedFiles: [String] = [],
                               cache: GazetteerCache = .automatic, segmenter: Segmenter) throws(GazetteError) -> (Gazetteer, Report) {
        let inputs = try Inputs(resources: resources, stampedFiles: stampedFiles)
        let overlay = try userOverlay(userLists, inputs: inputs, segmenter: segmenter)
        let path = cachePath(for: inputs, cache: cache)
        let lock = path.flatMap { GazetteerFiles.lock($0 + ".lock") }
        defer { if let lock { GazetteerFiles.unlock(lock) } }
        let (image, origin, written) = try build(inputs, segmenter: segmenter, reusing: nil, writingTo: path, reason: "compile requested")
        return (Gazetteer(layers: overlay + [image]), Report(origin: origin, cachePath: path, cacheWritten: written))
    }

    /// A user's lists compiled together (no layer if there are none), with the shipped common-word list.
    private static func userOverlay(_ paths: [String], inputs: Inputs, segmenter: Segmenter) throws(GazetteError) -> [GazetteerImage] {
        guard !paths.isEmpty else { return [] }
        var lists: [GazetteerList] = []
        for path in paths {
            guard let bytes = GazetteerFiles.read(path) else { throw GazetteError(.resourceMissing, "cannot read gazetteer \(path)") }
            lists.append(GazetteerList.user(path: path, bytes: bytes))
        }
        var commonWords = Set<String>(), englishWords = Set<String>()
        for file in inputs.files where file.role == .commonWords || file.role == .englishWords {
            guard let bytes = GazetteerFiles.read(file.path) else { continue }
            if file.role == .commonWords { commonWords.formUnion(commonWordKeys(bytes)) } else { englishWords.formUnion(commonWordKeys(bytes)) }
        }
        return [try Gazetteer.compile(lists, commonWords: commonWords, englishWords: englishWords, segmenter: segmenter)]
    }

    static func commonWordKeys(_ bytes: [UInt8]) -> Set<String> {
        var words = Set<String>()
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let word = line.trimmingSpaces()
            if !word.isEmpty, !word.hasPrefix("#") { words.insert(MatchingKey.fold(String(word))) }
        }
        return words
    }

    /// Paths of the regular files in a folder under the resource root (for `stampedFiles`).
    public static func files(in folder: String, of resources: ResourceDirectory) -> [String] {
        let path = resources.root + "/" + folder
        return GazetteerFiles.fileNames(in: path).map { path + "/" + $0 }
    }

    /// The folder `cache` names, created if needed; nil when there is none.
    public static func cacheDirectory(_ cache: GazetteerCache) -> String? {
        switch cache {
        case .disabled:
            return nil
        case let .directory(path):
            return GazetteerFiles.makeDirectory(path) ? path : nil
        case .automatic:
            var folders: [String] = []
            if let explicit = GazetteerFiles.environment("GAZETTE_CACHE_DIR") { folders.append(explicit) }
            if let xdg = GazetteerFiles.environment("XDG_CACHE_HOME") { folders.append(xdg + "/gazette") }
            if let home = GazetteerFiles.environment("HOME") { folders.append(home + "/.cache/gazette") }
            // Without a writable home (a CI sandbox), the temporary folder: compiling on every run is slow.
            folders.append((GazetteerFiles.environment("TMPDIR") ?? "/tmp") + "/gazette-cache-\(GazetteerFiles.userID())")
            return folders.first { GazetteerFiles.makeDirectory($0) && GazetteerFiles.isWritable($0) }
        }
    }

    // MARK: Inputs

    /// The input files of one load, in compilation order, with their current status.
    struct Inputs {
        struct File {
            enum Role { case gazetteerFile, commonWords, englishWords, stamped }
            var path: String
            var name: String
            var role: Role
            var status: GazetteerFiles.Status
        }

        var root: String
        var files: [File]

        init(resources: ResourceDirectory, stampedFiles: [String]) throws(GazetteError) {
            root = GazetteerFiles.absolute(resources.root)
            let folder = root + "/Gazetteers"
            guard GazetteerFiles.isDirectory(folder) else { throw GazetteError(.resourceMissing, "no gazetteer folder at \(folder)") }
            var files: [File] = []
            for name in GazetteerFiles.fileNames(in: folder) where name.hasSuffix(".tsv") || name.hasSuffix(".txt") {
                let path = folder + "/" + name
                guard let status = GazetteerFiles.status(path) else { continue }
                // Whether a TSV is an entity list is only known from its header: decided when it is read.
                files.append(File(path: path, name: "Gazetteers/" + name, role: GazetteerStore.commonWordsFiles.contains(name) ? .commonWords
                                  : name == GazetteerStore.englishWordsFile ? .englishWords : .gazetteerFile, status: status))
            }
            // Extension lists (places-sa.tsv) come after the list they extend (places.tsv), so that merged entries
            // keep the base list's name and source.
            files.sort { Self.orderKey($0.name).lexicographicallyPrecedes(Self.orderKey($1.name)) }
            for path in stampedFiles {
                let absolute = GazetteerFiles.absolute(path)
                guard let status = GazetteerFiles.status(absolute) else { throw GazetteError(.resourceMissing, "cannot read \(path)") }
                let relative = absolute.hasPrefix(root + "/") ? String(absolute.dropFirst(root.count + 1)) : "stamped/" + (path.split(separator: "/").last.map(String.init) ?? path)
                files.append(File(path: absolute, name: relative, role: .stamped, status: status))
            }
            self.files = files
        }

        private static func orderKey(_ name: String) -> [UInt8] {
            let stem = name.hasSuffix(".tsv") || name.hasSuffix(".txt") ? String(name.dropLast(4)) : name
            let base = stem.split(separator: "-", maxSplits: 1).first.map(String.init) ?? stem
            return Array(base.utf8) + [0] + Array(stem.utf8) + [0] + Array(name.utf8)
        }

        var manifest: [(path: String, status: GazetteerFiles.Status)] { files.map { ($0.path, $0.status) } }
    }

    private static func cachePath(for inputs: Inputs, cache: GazetteerCache) -> String? {
        guard let folder = cacheDirectory(cache) else { return nil }
        // The format is part of the name: two versions of Gazette sharing resources keep a cache file each instead
        // of recompiling over each other's at every start.
        let key = XXH64.hash(inputs.root + "\u{0}\(GazetteerLayout.formatVersion).\(GazetteerLayout.compilerRevision)")
        return folder + "/gazetteers-" + XXH64.hex(key) + ".gzc"
    }

    /// A cache file that is intact and was compiled from exactly these inputs; otherwise why not, and the file if
    /// it is intact but out of date.
    private static func openCache(_ path: String, expecting inputs: Inputs) -> Result<GazetteerImage, CacheProblem> {
        guard GazetteerFiles.status(path) != nil else { return .failure(CacheProblem("no cache file")) }
        let image: GazetteerImage
        do { image = try GazetteerImage(contentsOfFile: path) } catch {
            return .failure(CacheProblem("cache file \(error)"))
        }
        guard image.manifest.count == inputs.files.count,
              inputs.files.allSatisfy({ image.manifest[$0.path] == $0.status }) else {
            return .failure(CacheProblem("inputs changed", intact: image))
        }
        return .success(image)
    }

    private struct CacheProblem: Error {
        var reason: String
        var intact: GazetteerImage?
        init(_ reason: String, intact: GazetteerImage? = nil) {
            self.reason = reason
            self.intact = intact
        }
    }

    /// Reads and hashes every input, then compiles (or restamps `previous` if its compiled inputs are unchanged),
    /// and writes the cache if there is one.
    private static func build(_ inputs: Inputs, segmenter: Segmenter, reusing previous: GazetteerImage?, writingTo path: String?,
                              reason: String) throws(GazetteError) -> (GazetteerImage, Report.Origin, Bool) {
        var lists: [GazetteerList] = []
        var commonWords = Set<String>(), englishWords = Set<String>()
        // Every input counts in the stamp; only those that shape the compiled sections in `compiled`.
        var provenance = Provenance.resources, compiled = Provenance.resources
        for file in inputs.files {
            guard let bytes = GazetteerFiles.read(file.path) else {
                throw GazetteError(.resourceMissing, "cannot read \(file.path)")
            }
            let name = file.name
            provenance.record(name, bytes: bytes)
            switch file.role {
            case .commonWords:
                commonWords.formUnion(commonWordKeys(bytes))
            case .englishWords:
                englishWords.formUnion(commonWordKeys(bytes))
            case .gazetteerFile:
                guard file.name.hasSuffix(".tsv"), isEntityList(bytes) else { continue }
                let stem = String(file.name.dropFirst("Gazetteers/".count).dropLast(4))
                lists.append(GazetteerList(source: "gazetteer:" + stem, file: file.name, bytes: bytes, format: .tsv, isUser: false))
            case .stamped:
                continue
            }
            compiled.record(name, bytes: bytes)
        }
        let bytes: [UInt8]
        let origin: Report.Origin
        if let previous, previous.compiledHash == compiled.value {
            bytes = previous.restamped(contentHash: provenance.value, manifest: inputs.manifest)
            origin = .restamped
        } else {
            let compiler = GazetteerCompiler(commonWords: commonWords, englishWords: englishWords, segmenter: segmenter)
            bytes = try compiler.compile(lists, contentHash: provenance.value, compiledHash: compiled.value, manifest: inputs.manifest)
            origin = .compiled(reason: reason)
        }
        let image: GazetteerImage
        do { image = try GazetteerImage(bytes: bytes) } catch {
            throw GazetteError(.resourceMalformed, "compiled gazetteer failed its own check: \(error)")
        }
        let written = path.map { GazetteerFiles.writeAtomically(bytes, to: $0) } ?? false
        return (image, origin, written)
    }

    /// Whether a TSV is an entity list: its first line that is neither blank nor a comment starts with
    /// `name<TAB>label`.
    static func isEntityList(_ bytes: [UInt8]) -> Bool {
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            guard let first = line.first, first != UInt8(ascii: "#"), !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) else { continue }
            return line.starts(with: Array("name\tlabel".utf8))
        }
        return false
    }
}
