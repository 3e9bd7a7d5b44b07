#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Gazette
#if canImport(Glibc)
import Glibc
#endif

/// The file a training command writes: checked before the run (so that a long training does not fail only at its
/// end) and written with an error that names it.
enum OutputFile {
    /// Throws `outputUnusable` naming `path` unless a file can be created there: its folder exists and takes a new
    /// file, and `path` is not a folder.
    static func checkWritable(_ path: String) throws(GazetteError) {
        var isDirectory = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory {
            throw GazetteError(.outputUnusable, "cannot write \(path): it is a folder")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory else {
            throw GazetteError(.outputUnusable, "cannot write \(path): no folder \(folder)")
        }
        // Tried, not asked: permissions, read-only file systems and full disks all show here.
        let probe = folder + "/.gazette-write-check-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: probe, contents: Data()) else {
            throw GazetteError(.outputUnusable, "cannot write \(path): cannot create files in \(folder)")
        }
        try? FileManager.default.removeItem(atPath: probe)
    }

    /// Writes `bytes` to `path` atomically; a failure is `outputUnusable` naming the path.
    static func write(_ bytes: [UInt8], to path: String) throws(GazetteError) {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw GazetteError(.outputUnusable, "cannot write \(path): \(reason(error))")
        }
    }

    /// What went wrong, as the system words it (`strerror`) when the error wraps a system error.
    static func reason(_ error: any Error) -> String {
        if let posix = (error as? CocoaError)?.underlying as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        return "\(error)"
    }
}
