import Foundation
import GazetteTestSupport
import Testing
@testable import GazetteBatch

/// Hostile archives, written byte by byte here (issue 17): a truncated tarball gives the members before the cut, a
/// zip's wrong stated size refuses nothing, and every container named on the command line is read or refused by
/// name, never read as one text document.
@Suite("Hostile archives")
struct HostileArchiveTests {
    /// Twelve members of varied words (so that gzip cannot squeeze them into a few bytes).
    private func members() -> [(String, [UInt8])] {
        let words = ["harbour", "council", "Tuesday", "ferry", "budget", "lantern", "orchard", "tunnel", "quarry", "meadow"]
        return (0..<12).map { index in
            var state = UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15
            let text = (0..<40).map { _ -> String in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return words[Int(state >> 60) % words.count] + String(state >> 50 & 1023)
            }.joined(separator: " ")
            return (String(format: "doc%02d.txt", index), Array(text.utf8))
        }
    }

    @Test func aTruncatedTarGzGivesTheMembersBeforeTheCutAndOneErrorRecord() throws {
        let folder = try TemporaryFolder()
        let members = members()
        try ArchiveBuilder.write(folder.file("whole.tar.gz"), format: .tar, filter: .gzip, members: members)
        let whole = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.file("whole.tar.gz"))))
        for cut in [whole.count * 3 / 4, whole.count / 2, whole.count - 20] {
            try folder.write("cut.tar.gz", Array(whole.prefix(cut)))
            let (records, summary) = try BatchTesting.run([folder.file("cut.tar.gz")])
            let documents = records.filter { $0.errorCode == nil }
            let errors = records.filter { $0.errorCode != nil }
            // Every member read is whole and in order; one error record says where the file was cut.
            #expect(documents.count >= 1, "cut at \(cut) of \(whole.count)")
            #expect(documents.map(\.member) == members.prefix(documents.count).map(\.0))
            #expect(documents.map(\.text) == members.prefix(documents.count).map { String(decoding: $0.1, as: UTF8.self) })
            #expect(errors.count == 1)
            #expect(errors.first?.errorCode == "GZ105")
            #expect(errors.first?.errorMessage?.contains("truncated at byte \(cut) of the file") == true)
            #expect(errors.first?.errorMessage?.contains(folder.file("cut.tar.gz")) == true)
            #expect(summary.failed == 1)
        }
        // The whole file reads as before.
        let (records, _) = try BatchTesting.run([folder.file("whole.tar.gz")])
        #expect(records.count == 12 && records.allSatisfy { $0.errorCode == nil })
    }

    /// A zip of stored members whose stated (uncompressed) sizes are `stated`, in zip64 extra fields.
    private func storedZip(_ members: [(name: String, bytes: [UInt8], stated: UInt64)]) -> [UInt8] {
        func u16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func u32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) } }
        func u64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(value >> (8 * $0) & 0xFF) } }
        func crc32(_ bytes: [UInt8]) -> UInt32 {
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in bytes {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            return ~crc
        }
        var file: [UInt8] = []
        var directory: [UInt8] = []
        for member in members {
            let name = Array(member.name.utf8)
            let extra = u16(1) + u16(16) + u64(member.stated) + u64(UInt64(member.bytes.count))
            let common = u16(45) + u16(0) + u16(0) + u16(0) + u16(0x21) + u32(crc32(member.bytes)) + u32(0xFFFF_FFFF) + u32(0xFFFF_FFFF)
                + u16(name.count) + u16(extra.count)
            let offset = UInt32(file.count)
            file += u32(0x0403_4B50) + common + name + extra + member.bytes
            directory += u32(0x0201_4B50) + u16(45) + common + u16(0) + u16(0) + u16(0) + u32(0) + u32(offset) + name + extra
        }
        let directoryOffset = UInt32(file.count)
        return file + directory + u32(0x0605_4B50) + u16(0) + u16(0) + u16(members.count) + u16(members.count)
            + u32(UInt32(directory.count)) + u32(directoryOffset) + u16(0)
    }

    @Test func aZipsStatedSizeOffBy4GiBRefusesNothingAndMemoryFollowsWhatIsRead() throws {
        let folder = try TemporaryFolder()
        let hello = Array("Hello from Lisbon.".utf8)
        let oslo = Array("Talks in Oslo.".utf8)
        try folder.write("confused.zip", storedZip([
            ("four-gib-off.txt", hello, UInt64(hello.count) + (1 << 32)), ("sound.txt", oslo, UInt64(oslo.count)),
        ]))
        let (records, summary) = try BatchTesting.run([folder.file("confused.zip")], maxDocumentBytes: 1 << 20)
        #expect(records.map(\.member) == ["four-gib-off.txt", "sound.txt"])
        #expect(records.map(\.text) == ["Hello from Lisbon.", "Talks in Oslo."])
        #expect(summary.failed == 0)
        // A member really larger than the limit is still refused, from what is read.
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: 5_000)
        try folder.write("big.zip", storedZip([("big.txt", big, UInt64(big.count) + (1 << 32)), ("sound.txt", oslo, UInt64(oslo.count))]))
        let (refused, _) = try BatchTesting.run([folder.file("big.zip")], maxDocumentBytes: 4_000)
        #expect(refused.map(\.errorCode) == ["GZ108", nil])
        #expect(refused.last?.text == "Talks in Oslo.")
        // Read short of a stated size under the limit, a member keeps only what was read, not the stated size's memory.
        let archive = try ArchiveHandle.open(path: folder.file("confused.zip"), mode: .archive)
        _ = try archive.nextEntry()
        guard case let .bytes(read) = try archive.readEntry(limit: 1 << 20, expectedSize: 900_000) else {
            Issue.record("not read")
            return
        }
        #expect(read == hello)
        #expect(read.capacity < 1_000)
    }

    /// A zipx (LZMA, method 14) made by Python's zipfile: one member, doc.txt.
    static let zipx: [UInt8] = [
        0x50, 0x4b, 0x03, 0x04, 0x3f, 0x00, 0x02, 0x00, 0x0e, 0x00, 0xa9, 0x9e, 0x86, 0x5d, 0xee, 0xfc, 0x4d, 0x78,
        0x43, 0x00, 0x00, 0x00, 0x31, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x64, 0x6f, 0x63, 0x2e, 0x74, 0x78,
        0x74, 0x09, 0x04, 0x05, 0x00, 0x5d, 0x00, 0x00, 0x80, 0x00, 0x00, 0x2a, 0x18, 0x49, 0x86, 0xd5, 0x5d, 0xd7,
        0x87, 0x67, 0x79, 0xa9, 0x4d, 0x9b, 0x66, 0x95, 0xfe, 0x53, 0x7b, 0xa2, 0xee, 0x31, 0xb8, 0xbc, 0xe0, 0x98,
        0x96, 0x42, 0x78, 0x52, 0x53, 0x03, 0x3f, 0x5b, 0x47, 0x0f, 0x1f, 0x36, 0xec, 0x15, 0xc5, 0x94, 0x14, 0x26,
        0x17, 0x8d, 0xdb, 0x18, 0x6e, 0x59, 0x6f, 0x43, 0xe5, 0xdf, 0xfd, 0x9f, 0xb0, 0x40, 0x50, 0x4b, 0x01, 0x02,
        0x3f, 0x03, 0x3f, 0x00, 0x02, 0x00, 0x0e, 0x00, 0xa9, 0x9e, 0x86, 0x5d, 0xee, 0xfc, 0x4d, 0x78, 0x43, 0x00,
        0x00, 0x00, 0x31, 0x00, 0x00, 0x00, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x80, 0x01, 0x00, 0x00, 0x00, 0x00, 0x64, 0x6f, 0x63, 0x2e, 0x74, 0x78, 0x74, 0x50, 0x4b, 0x05, 0x06, 0x00,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x35, 0x00, 0x00, 0x00, 0x68, 0x00, 0x00, 0x00, 0x00, 0x00
    ]

    @Test func containersNamedOnTheCommandLineAreReadOrRefusedNeverReadAsText() throws {
        let folder = try TemporaryFolder()
        let texts = [("a.txt", "Talks in Paris between Alice and Bob.")]
        try ArchiveBuilder.write(folder.file("x.tar.lz4"), format: .tar, filter: .lz4, texts: texts)
        try ArchiveBuilder.write(folder.file("x.tar.Z"), format: .tar, filter: .compress, texts: texts)
        try ArchiveBuilder.write(folder.file("x.taz"), format: .tar, filter: .compress, texts: texts)
        try ArchiveBuilder.write(folder.file("zip-without-extension"), format: .zip, texts: texts)
        try ArchiveBuilder.write(folder.file("tar.data"), format: .tar, texts: texts)
        try folder.write("x.zipx", Self.zipx)
        let readable = ["x.tar.lz4", "x.tar.Z", "x.taz", "zip-without-extension", "tar.data"].map(folder.file)
        let (read, _) = try BatchTesting.run(readable)
        #expect(read.map(\.member) == ["a.txt", "a.txt", "a.txt", "a.txt", "a.txt"])
        #expect(read.allSatisfy { $0.text == texts[0].1 })
        let (zipx, _) = try BatchTesting.run([folder.file("x.zipx")])
        #expect(zipx.map(\.member) == ["doc.txt"])
        #expect(zipx.map(\.text) == ["Talks in Paris between Alice Smith and Bob Jones."])

        // lzop needs a program this machine lacks; 7z and RAR are not read: each one error record naming the file.
        let lzop: [UInt8] = [0x89, 0x4C, 0x5A, 0x4F, 0x00, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64)
        try folder.write("x.tar.lzo", lzop)
        try folder.write("x.7z", [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0x00, 0x04] + Array(repeating: 0, count: 40))
        try folder.write("x.rar", Array("Rar!\u{1A}\u{07}\u{01}\u{00}".utf8) + Array(repeating: 0, count: 40))
        try folder.write("packed.bin", lzop)
        let refused = ["x.tar.lzo", "x.7z", "x.rar", "packed.bin"].map(folder.file)
        let (errors, summary) = try BatchTesting.run(refused)
        #expect(errors.count == 4 && summary.failed == 4)
        for (record, path) in zip(errors, refused) {
            #expect(record.errorCode != nil && record.text == nil)
            #expect(record.errorMessage?.contains(path) == true)
        }
        #expect(errors[1].errorMessage?.contains("7z archive") == true)
        #expect(errors[2].errorMessage?.contains("RAR archive") == true)
    }

    @Test func namesAndFirstBytesDecideTheKind() throws {
        #expect(InputKind.of(name: "x.tar.lz4") == (.archive, false))
        #expect(InputKind.of(name: "x.TAR.Z") == (.archive, false))
        #expect(InputKind.of(name: "x.tar.lzo") == (.archive, false))
        #expect(InputKind.of(name: "x.zipx") == (.archive, false))
        #expect(InputKind.of(name: "notes.txt.lz4") == (.text, true))
        #expect(Container(head: [0x50, 0x4B, 0x03, 0x04]) == .archive)
        #expect(Container(head: [0x1F, 0x8B, 0x08]) == .compressed)
        #expect(Container(head: Array("Plain words.".utf8)) == nil)
        let folder = try TemporaryFolder()
        try folder.write("story", "A story without an extension is text.")
        #expect(InputKind.of(commandLineFile: folder.file("story")) == (.text, false))
        try ArchiveBuilder.compress(folder.file("packed"), Array("Compressed words.".utf8))
        #expect(InputKind.of(commandLineFile: folder.file("packed")) == (.text, true))
        let (records, _) = try BatchTesting.run([folder.file("packed")])
        #expect(records.map(\.text) == ["Compressed words."])
    }
}
