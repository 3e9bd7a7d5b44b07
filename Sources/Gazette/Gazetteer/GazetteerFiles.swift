#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The small amount of POSIX file handling the gazetteer cache and the resource readers need: status, whole-file
/// reads, memory maps, atomic replacement and an advisory lock. Kept here so that the rest of the code stays free of C calls.
enum GazetteerFiles {
    /// What the cache manifest records of an input file: which file it is (device, inode), its size, and its
    /// modification and status-change times. The status-change time (ctime) is set by the kernel on every write
    /// and cannot be set back by a program (`touch`, `utimensat` and archive tools set only the modification
    /// time), so an edit that keeps the size and the modification time still changes it.
    struct Status: Hashable, Sendable {
        var size: Int64
        var seconds: Int64
        var nanoseconds: Int64
        var changeSeconds: Int64 = 0
        var changeNanoseconds: Int64 = 0
        var device: UInt64 = 0
        var inode: UInt64 = 0
    }

    static func status(_ path: String) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        return Status(size: Int64(info.st_size), seconds: Int64(info.st_mtimespec.tv_sec), nanoseconds: Int64(info.st_mtimespec.tv_nsec),
                      changeSeconds: Int64(info.st_ctimespec.tv_sec), changeNanoseconds: Int64(info.st_ctimespec.tv_nsec),
                      device: UInt64(truncatingIfNeeded: info.st_dev), inode: UInt64(truncatingIfNeeded: info.st_ino))
        #else
        return Status(size: Int64(info.st_size), seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int64(info.st_mtim.tv_nsec),
                      changeSeconds: Int64(info.st_ctim.tv_sec), changeNanoseconds: Int64(info.st_ctim.tv_nsec),
                      device: UInt64(truncatingIfNeeded: info.st_dev), inode: UInt64(truncatingIfNeeded: info.st_ino))
        #endif
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Names of the regular files in a folder, sorted by their bytes.
    static func fileNames(in folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            if status(folder + "/" + name) != nil { names.append(name) }
        }
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// The whole file, or nil if it cannot be read. The bytes are read straight into the array (no zero fill, no
    /// copy out of a `Data`): resource files are megabytes and are read at every start.
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var ok = true
        let bytes = [UInt8](unsafeUninitializedCapacity: Int(info.st_size)) { buffer, initialized in
            var filled = 0
            while filled < buffer.count {
                let n = posixRead(fd, buffer.baseAddress! + filled, buffer.count - filled)
                if n < 0 { if errno == EINTR { continue }; ok = false; break }
                if n == 0 { break }
                filled += n
            }
            initialized = filled
        }
        return ok ? bytes : nil
    }

    /// A read-only private memory map of a whole file: (address, length), or nil.
    static func map(_ path: String) -> (UnsafeMutableRawPointer, Int)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return nil }
        let length = Int(info.st_size)
        guard let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else { return nil }
        return (address, length)
    }

    static func unmap(_ address: UnsafeMutableRawPointer, _ length: Int) {
        munmap(address, length)
    }

    /// Writes `bytes` to a temporary file beside `path`, then renames it over `path`, so that readers see either
    /// the old file or the whole new one. Returns false (and leaves no temporary file) on any failure.
    static func writeAtomically(_ bytes: [UInt8], to path: String) -> Bool {
        let temporary = "\(path).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        var written = 0
        let ok = bytes.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let n = write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return true
        }
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// Creates a folder and its parents; true if it exists afterwards.
    static func makeDirectory(_ path: String) -> Bool {
        if isDirectory(path) { return true }
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if !isDirectory(current) { mkdir(current, 0o755) }
        }
        return isDirectory(path)
    }

    /// An exclusive advisory lock on `path` (created if needed), held until `unlock`. nil if the lock file cannot
    /// be opened; the caller then goes on without it. Like every descriptor here it is closed on exec, so that a
    /// program embedding Gazette does not hand its files to the programs it starts.
    static func lock(_ path: String) -> Int32? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { close(fd); return nil }
        }
        return fd
    }

    static func unlock(_ fd: Int32) {
        flock(fd, LOCK_UN)
        close(fd)
    }

    static func isWritable(_ path: String) -> Bool {
        access(path, W_OK) == 0
    }

    static func userID() -> UInt32 {
        UInt32(getuid())
    }

    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let string = String(cString: value)
        return string.isEmpty ? nil : string
    }

    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `path` made absolute against the current directory (no symlink resolution).
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : currentDirectory() + "/" + path
    }
}

@inline(__always) private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
