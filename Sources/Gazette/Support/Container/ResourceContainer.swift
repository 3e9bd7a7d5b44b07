/// The one binary container of Gazette's binary files (entity models, topic models, the compiled gazetteer
/// cache): a header naming the file's
/// kind and format version, a table of named sections, and one checksum. Each kind decides what its sections hold;
/// this type alone writes and checks the frame. Little-endian throughout.
///
/// ```
/// header   magic "GAZETTE\0" · kind (8 ASCII bytes, space-padded) · u32 version · u32 section count
///          · u64 file size · u64 checksum (XXH64 of every other byte of the file)
/// table    per section: 8-byte name (ASCII, space-padded) · u64 offset · u64 length
/// sections each starting on a 16-byte boundary (so that rows read in place stay aligned), zero bytes between
/// ```
enum ResourceContainer {
    static let magic = Array("GAZETTE\0".utf8)
    static let headerSize = 40
    static let tableEntrySize = 24
    static let versionOffset = 16
    static let checksumOffset = 32
    static let alignment = 16

    /// The kinds of file, by their 8-byte kind field.
    enum Kind: String, Sendable {
        case entityModel = "NERMODEL"
        case topicModel = "TOPICMOD"
        case gazetteerCache = "GAZCACHE"
    }

    /// Collects sections, then lays the container out.
    struct Writer {
        private let kind: Kind
        private let version: UInt32
        private var sections: [(name: String, bytes: [UInt8])] = []

        /// A container of `kind` in format `version`.
        init(kind: Kind, version: UInt32) {
            self.kind = kind
            self.version = version
        }

        /// Adds a section; `name` is at most eight ASCII characters, unique in the file.
        mutating func add(_ name: String, _ bytes: [UInt8]) {
            precondition(name.utf8.count <= 8 && !sections.contains { $0.name == name })
            sections.append((name, bytes))
        }

        /// The file's bytes.
        func bytes() -> [UInt8] {
            var out = ByteWriter()
            out.append(ResourceContainer.magic)
            out.append(ResourceContainer.padded(kind.rawValue))
            out.u32(version)
            out.u32(UInt32(sections.count))
            out.u64(0)  // file size
            out.u64(0)  // checksum
            let table = out.count
            for _ in sections { out.append([UInt8](repeating: 0, count: ResourceContainer.tableEntrySize)) }
            for (index, section) in sections.enumerated() {
                out.align(ResourceContainer.alignment)
                let entry = table + index * ResourceContainer.tableEntrySize
                for (i, byte) in ResourceContainer.padded(section.name).enumerated() { out.set8(byte, at: entry + i) }
                out.set64(UInt64(out.count), at: entry + 8)
                out.set64(UInt64(section.bytes.count), at: entry + 16)
                out.append(section.bytes)
            }
            out.set64(UInt64(out.count), at: 24)
            var bytes = out.bytes
            let checksum = bytes.withUnsafeBytes { ResourceContainer.checksum($0) }
            for i in 0..<8 { bytes[ResourceContainer.checksumOffset + i] = UInt8(truncatingIfNeeded: checksum >> (8 * UInt64(i))) }
            return bytes
        }
    }

    /// Why bytes are not a usable container of the kind expected.
    enum Problem: Error, Equatable {
        case notContainer
        case truncatedHeader
        case otherKind(String)
        case sizeMismatch
        case checksumMismatch
        case malformed(String)

        /// The problem in words, after the file's name.
        var message: String {
            switch self {
            case .notContainer: return "not a Gazette resource file (bad magic)"
            case .truncatedHeader: return "truncated header"
            case let .otherKind(found): return "is a \(found) file"
            case .sizeMismatch: return "size does not match its header (file truncated?)"
            case .checksumMismatch: return "checksum mismatch (file corrupt or truncated)"
            case let .malformed(what): return what
            }
        }
    }

    /// The checked frame of a container: its kind's format version and its sections, as byte ranges of the file.
    struct Frame: Sendable {
        /// The format version of the kind.
        let version: UInt32
        /// The sections by name.
        let sections: [String: Range<Int>]
    }

    /// Checks the frame of a container of `kind` in `raw` (a mapped file, or an array's bytes): magic, kind, size,
    /// checksum and section bounds. The kind's own version and sections are for the caller to check.
    static func frame(_ raw: UnsafeRawBufferPointer, kind: Kind) throws(Problem) -> Frame {
        guard raw.count >= magic.count, raw.prefix(magic.count).elementsEqual(magic) else { throw .notContainer }
        guard raw.count >= headerSize else { throw .truncatedHeader }
        guard raw[8..<16].elementsEqual(padded(kind.rawValue)) else {
            throw .otherKind(String(String(decoding: raw[8..<16], as: UTF8.self).trimmingSpaces()))
        }
        func u32(_ offset: Int) -> UInt32 { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
        func u64(_ offset: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        guard u64(24) == UInt64(raw.count) else { throw .sizeMismatch }
        guard u64(checksumOffset) == checksum(raw) else { throw .checksumMismatch }
        let count = Int(u32(20))
        guard count <= (raw.count - headerSize) / tableEntrySize else { throw .malformed("bad section table") }
        var sections: [String: Range<Int>] = [:]
        for index in 0..<count {
            let entry = headerSize + index * tableEntrySize
            let name = String(String(decoding: raw[entry..<(entry + 8)], as: UTF8.self).trimmingSpaces())
            let offset = u64(entry + 8), length = u64(entry + 16)
            guard offset <= UInt64(raw.count), length <= UInt64(raw.count) - offset else { throw .malformed("section \(name) out of bounds") }
            sections[name] = Int(offset)..<Int(offset + length)
        }
        return Frame(version: u32(16), sections: sections)
    }

    /// A checked container in an array: its sections by name, as ranges of the file's bytes.
    struct Reader {
        /// The whole file.
        let bytes: [UInt8]
        /// The format version of the kind.
        let version: UInt32
        private let sections: [String: Range<Int>]

        /// Checks `bytes` as a container of `kind`; `file` names it in errors.
        init(bytes: [UInt8], kind: Kind, file: String) throws(GazetteError) {
            let result = bytes.withUnsafeBytes { raw in Result { () throws(Problem) in try ResourceContainer.frame(raw, kind: kind) } }
            let frame: Frame
            switch result {
            case let .success(checked): frame = checked
            case let .failure(.otherKind(found)):
                throw GazetteError(.resourceMalformed, "\(file): is a \(found) file, not a \(kind.rawValue) file")
            case let .failure(problem): throw GazetteError(.resourceMalformed, "\(file): \(problem.message)")
            }
            self.bytes = bytes
            self.version = frame.version
            self.sections = frame.sections
        }

        /// The byte range of a section, nil if the file has none of that name.
        func range(_ name: String) -> Range<Int>? { sections[name] }

        /// A reader over a section's bytes, nil if the file has none of that name.
        func section(_ name: String) -> ByteReader? {
            sections[name].map { ByteReader(bytes: bytes, position: $0.lowerBound, end: $0.upperBound) }
        }
    }

    /// Whether `bytes` start with the container's magic.
    static func isContainer(_ bytes: [UInt8]) -> Bool {
        bytes.count >= magic.count && bytes[0..<magic.count].elementsEqual(magic)
    }

    /// XXH64 of every byte but the checksum field's: the bytes before it, then (as the seed) those after it.
    static func checksum(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        XXH64.hash(UnsafeRawBufferPointer(rebasing: raw[(checksumOffset + 8)...]), seed: XXH64.hash(UnsafeRawBufferPointer(rebasing: raw[..<checksumOffset])))
    }

    private static func padded(_ name: String) -> [UInt8] {
        Array(name.utf8) + [UInt8](repeating: 0x20, count: 8 - name.utf8.count)
    }
}
