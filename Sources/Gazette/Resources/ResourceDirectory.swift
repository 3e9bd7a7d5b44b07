#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The folder that holds Gazette's data: `Gazetteers/` (entity lists and rule word lists) and `Models/`.
///
/// Reading resources is the only file access in the library outside readers and writers, and it happens once,
/// when a pipeline is built.
public struct ResourceDirectory: Sendable {
    /// The folder's path: the one that holds `Gazetteers/` and `Models/`.
    public let root: String

    /// The resources in `root`, taken as given (``locate()`` finds and checks a folder).
    public init(root: String) {
        self.root = root
    }

    /// Finds the resources: `$GAZETTE_RESOURCES`, then folders near the running executable (a checkout's
    /// `.build/…/gazette`, or an unpacked distribution with `share/gazette`), then the checkout this library was
    /// built from. A `$GAZETTE_RESOURCES` without resources is an error (`GZ201` naming it), never passed over for
    /// other resources.
    public static func locate() throws(GazetteError) -> ResourceDirectory {
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["GAZETTE_RESOURCES"], !explicit.isEmpty {
            guard isResourceRoot(explicit) else {
                throw GazetteError(.resourceMissing, "GAZETTE_RESOURCES is \(explicit), which holds no Gazetteers/ folder; set it to the folder that holds Gazetteers/ and Models/, or unset it")
            }
            return ResourceDirectory(root: explicit)
        }
        if let executable = executablePath() {
            var folder = parent(of: executable)
            for _ in 0..<6 {
                candidates.append(folder)
                candidates.append(folder + "/share/gazette")
                folder = parent(of: folder)
            }
        }
        // Sources/Gazette/Resources/ResourceDirectory.swift → the checkout root.
        var checkout = "\(#filePath)"
        for _ in 0..<4 { checkout = parent(of: checkout) }
        candidates.append(checkout)
        for candidate in candidates where isResourceRoot(candidate) {
            return ResourceDirectory(root: candidate)
        }
        throw GazetteError(.resourceMissing, "no Gazetteers/ folder found; set GAZETTE_RESOURCES to the folder that holds Gazetteers/ and Models/ (looked in: \(candidates.joined(separator: ", ")))")
    }

    /// The path of `Gazetteers/`: entity lists and rule word lists.
    public var gazetteersPath: String { root + "/Gazetteers" }
    /// The path of `Models/`: the entity and topic models.
    public var modelsPath: String { root + "/Models" }

    /// The bytes of a file under the root.
    public func data(_ relativePath: String) throws(GazetteError) -> [UInt8] {
        let path = root + "/" + relativePath
        guard let contents = GazetteerFiles.read(path) else {
            throw GazetteError(.resourceMissing, "cannot read \(path)")
        }
        return contents
    }

    /// A UTF-8 text file under the root.
    public func text(_ relativePath: String) throws(GazetteError) -> String {
        let bytes = try data(relativePath)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw GazetteError(.resourceMalformed, "\(root)/\(relativePath) is not valid UTF-8")
        }
        return text
    }

    /// File names in a folder under the root, sorted.
    public func files(in relativeFolder: String, withSuffix suffix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + relativeFolder)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted()
    }

    /// Whether a file (or folder) exists under the root.
    public func exists(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: root + "/" + relativePath)
    }

    private static func isResourceRoot(_ path: String) -> Bool {
        var isDirectory = false
        return FileManager.default.fileExists(atPath: path + "/Gazetteers/titles.txt")
            && FileManager.default.fileExists(atPath: path + "/Models", isDirectory: &isDirectory) && isDirectory
    }

    private static func executablePath() -> String? {
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return link }
        return CommandLine.arguments.first
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

/// Reads the resource files a pipeline is built from. What they are is stamped on output by `Provenance`, which
/// covers every file of `Gazetteers/` and `Models/` (see `GazetteerStore`).
public struct ResourceReader {
    /// The folder read from.
    public let resources: ResourceDirectory

    /// A reader of `resources`.
    public init(_ resources: ResourceDirectory) {
        self.resources = resources
    }

    /// A UTF-8 text file under the root.
    public mutating func text(_ relativePath: String) throws(GazetteError) -> String {
        try resources.text(relativePath)
    }

    /// The bytes of a file under the root.
    public mutating func data(_ relativePath: String) throws(GazetteError) -> [UInt8] {
        try resources.data(relativePath)
    }

    /// Whether a file exists under the root.
    public func exists(_ relativePath: String) -> Bool { resources.exists(relativePath) }
}
