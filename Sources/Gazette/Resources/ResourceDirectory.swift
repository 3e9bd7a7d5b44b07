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
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// Finds the resources: `$GAZETTE_RESOURCES`, then folders near the running executable (a checkout's
    /// `.build/…/gazette`, or an unpacked distribution with `share/gazette`), then the checkout this library was
    /// built from.
    public static func locate() throws(GazetteError) -> ResourceDirectory {
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["GAZETTE_RESOURCES"], !explicit.isEmpty {
            candidates.append(explicit)
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

    public var gazetteersPath: String { root + "/Gazetteers" }
    public var modelsPath: String { root + "/Models" }

    /// The bytes of a file under the root.
    public func data(_ relativePath: String) throws(GazetteError) -> [UInt8] {
        let path = root + "/" + relativePath
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw GazetteError(.resourceMissing, "cannot read \(path)")
        }
        return [UInt8](contents)
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

/// Reads resource files and hashes everything it read, so that outputs can name the exact resources used.
public struct ResourceReader {
    public let resources: ResourceDirectory
    private var hash = ContentHash()

    public init(_ resources: ResourceDirectory) {
        self.resources = resources
    }

    public mutating func text(_ relativePath: String) throws(GazetteError) -> String {
        let text = try resources.text(relativePath)
        hash.combine(relativePath.utf8)
        hash.combine(text.utf8)
        return text
    }

    /// The bytes of a file under the root, hashed like `text(_:)`.
    public mutating func data(_ relativePath: String) throws(GazetteError) -> [UInt8] {
        let bytes = try resources.data(relativePath)
        note(path: relativePath, bytes: bytes)
        return bytes
    }

    /// Adds a file read elsewhere (a model given by path) to the digest.
    public mutating func note(path: String, bytes: [UInt8]) {
        hash.combine(path.utf8)
        hash.combine(bytes)
    }

    public func exists(_ relativePath: String) -> Bool { resources.exists(relativePath) }

    /// Hex digest of every file read so far, in reading order.
    public var digest: String { hash.hex }
}

/// A 64-bit FNV-1a hash, used to stamp outputs with the exact resources that produced them.
struct ContentHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
    }

    /// The first 12 hex digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String((String(repeating: "0", count: 16 - digits.count) + digits).prefix(12))
    }
}
