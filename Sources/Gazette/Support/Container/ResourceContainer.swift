/// The one binary container of Gazette's resource files (entity models, topic models): a header naming the file's
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
    static let checksumOffset = 32
    static let alignment = 16

    /// The kinds of file, by their 8-byte kind field.
    enum Kind: String, Sendable {
        case entityModel = "NERMODEL"
        case topicModel = "TOPICMOD"
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
            let checksum = ResourceContainer.checksum(bytes)
            for i in 0..<8 { bytes[ResourceContainer.checksumOffset + i] = UInt8(truncatingIfNeeded: checksum >> (8 * UInt64(i))) }
            return bytes
        }
    }

    /// A checked container: its sections by name, as ranges of the file's bytes.
    struct Reader {
        /// The whole file.
        let bytes: [UInt8]
        /// The format version of the kind.
        let version: UInt32
        private var sections: [String: Range<Int>] = [:]

        /// Checks `bytes` as a container of `kind`; `file` names it in errors.
        init(bytes: [UInt8], kind: Kind, file: String) throws(GazetteError) {
            func fail(_ why: String) -> GazetteError { GazetteError(.resourceMalformed, "\(file): \(why)") }
            guard ResourceContainer.isContainer(bytes) else { throw fail("not a Gazette resource file (bad magic)") }
            guard bytes.count >= ResourceContainer.headerSize else { throw fail("truncated header") }
            let kindField = Array(bytes[8..<16])
            guard kindField == ResourceContainer.padded(kind.rawValue) else {
                let found = String(decoding: kindField, as: UTF8.self).trimmingSpaces()
                throw fail("is a \(found) file, not a \(kind.rawValue) file")
            }
            var header = ByteReader(bytes: bytes, position: 16)
            guard let version = header.u32(), let count = header.u32().map(Int.init), let size = header.u64(), let stored = header.u64() else {
                throw fail("truncated header")
            }
            guard size == UInt64(bytes.count) else { throw fail("size does not match its header (file truncated?)") }
            guard stored == ResourceContainer.checksum(bytes) else { throw fail("checksum mismatch (file corrupt or truncated)") }
            guard count <= (bytes.count - ResourceContainer.headerSize) / ResourceContainer.tableEntrySize else { throw fail("bad section table") }
            self.bytes = bytes
            self.version = version
            for index in 0..<count {
                let entry = ResourceContainer.headerSize + index * ResourceContainer.tableEntrySize
                let name = String(String(decoding: bytes[entry..<(entry + 8)], as: UTF8.self).trimmingSpaces())
                var fields = ByteReader(bytes: bytes, position: entry + 8)
                guard let offset = fields.u64(), let length = fields.u64(), offset <= UInt64(bytes.count), length <= UInt64(bytes.count) - offset else {
                    throw fail("section \(name) out of bounds")
                }
                sections[name] = Int(offset)..<Int(offset + length)
            }
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
    static func checksum(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { raw in
            XXH64.hash(UnsafeRawBufferPointer(rebasing: raw[(checksumOffset + 8)...]),
                       seed: XXH64.hash(UnsafeRawBufferPointer(rebasing: raw[..<checksumOffset])))
        }
    }

    private static func padded(_ name: String) -> [UInt8] {
        Array(name.utf8) + [UInt8](repeating: 0x20, count: 8 - name.utf8.count)
    }
}
