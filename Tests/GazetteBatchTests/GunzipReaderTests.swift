import Foundation
import GazetteRuntime
import GazetteTestSupport
import Testing
@testable import GazetteBatch

/// The lenient multi-member gzip reader (`GunzipReader`, over CGazetteBatch/gunzip_members.c): sound files read as
/// libarchive reads them; damage is skipped, reported where it sits, and never takes a sound member with it.
@Suite("Gzip member reader")
struct GunzipReaderTests {
    /// Everything `source` gives, read in small pieces.
    private func drain<Source: DamageReportingSource>(_ source: Source) throws -> [UInt8] {
        var source = source
        var all: [UInt8] = []
        var piece = [UInt8](repeating: 0, count: 777)
        while true {
            let count = try piece.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return all }
            all += piece[..<count]
        }
    }

    @Test func theGzipReaderGivesWhatLibarchiveGivesForSoundFiles() throws {
        let folder = try TemporaryFolder()
        var members: [UInt8] = []
        var plain: [UInt8] = []
        for index in 0..<40 {
            let part = Array(String(repeating: "member \(index) says hello; ", count: index * 37 + 1).utf8)
            plain += part
            members += try ArchiveBuilder.gzipMember(part, in: folder)
        }
        try folder.write("members.gz", members)
        let reader = try GunzipReader(path: folder.file("members.gz"))
        let archive = try ArchiveHandle.open(path: folder.file("members.gz"), mode: .raw(decompress: true))
        _ = try archive.nextEntry()
        #expect(try drain(reader) == plain)
        #expect(try drain(archive) == plain)
        #expect(reader.takeDamage(upTo: .max).isEmpty)
        #expect(reader.compressedBytesRead == members.count)
        // One stream over everything (whole-file gzip) reads the same.
        try folder.write("whole.gz", try ArchiveBuilder.gzipMember(plain, in: folder))
        #expect(try drain(GunzipReader(path: folder.file("whole.gz"))) == plain)
        // A truncated last member keeps what it held, and says so.
        try folder.write("cut.gz", Array(members.dropLast(30)))
        let cut = try GunzipReader(path: folder.file("cut.gz"))
        let read = try drain(cut)
        #expect(read.count < plain.count && Array(plain.prefix(read.count)) == read)
        #expect(cut.takeDamage(upTo: .max).map(\.kind) == [.truncated])
    }

    /// Texts of a few hundred bytes each, different enough that their members differ.
    private func texts(_ count: Int) -> [[UInt8]] {
        (0..<count).map { index in
            Array((0..<40).map { "word\(($0 * 7919 + index * 104_729) % 1000)" }.joined(separator: " ").utf8) + Array(" \(index)\n".utf8)
        }
    }

    private func file(_ bytes: [UInt8], in folder: TemporaryFolder) throws -> GunzipReader {
        try folder.write("test.gz", bytes)
        return try GunzipReader(path: folder.file("test.gz"))
    }

    @Test(arguments: [UInt32(1_700_000_000), 1_736_546_349, 1_797_067_190])
    func aMemberCutShortEndsWhereTheNextMemberStarts(modified: UInt32) throws {
        let folder = try TemporaryFolder()
        let plain = texts(4)
        let members = try plain.map { try ArchiveBuilder.gzipMember($0, in: folder, modified: modified) }
        for keep in stride(from: 12, to: members[1].count, by: 5) {
            let reader = try file(members[0] + members[1].prefix(keep) + members[2] + members[3], in: folder)
            let read = try drain(reader)
            // What the cut member gave is the start of its text, and nothing of the next members is lost or doubled.
            let given = read.count - plain[0].count - plain[2].count - plain[3].count
            #expect(given >= 0 && given <= plain[1].count, "kept \(keep)")
            #expect(read == plain[0] + plain[1].prefix(given) + plain[2] + plain[3], "kept \(keep)")
            let damage = reader.takeDamage(upTo: .max)
            #expect(damage == [StreamDamage(kind: .cut, fileOffset: members[0].count + keep, skippedBytes: 0,
                                            streamOffset: plain[0].count + given)], "kept \(keep)")
        }
    }

    @Test(arguments: [UInt32(1_700_000_000), 1_744_312_430])
    func aCorruptMemberGivesNothingAndTheNextOnesAreRead(modified: UInt32) throws {
        let folder = try TemporaryFolder()
        let plain = texts(3)
        let members = try plain.map { try ArchiveBuilder.gzipMember($0, in: folder, modified: modified) }
        // Scrambled in the middle: zlib may decode garbage for a while before it finds out, or only at the checksum.
        for start in stride(from: 12, to: members[1].count - 40, by: 7) {
            var corrupt = members[1]
            for index in start..<(start + 24) { corrupt[index] ^= 0x5a }
            let reader = try file(members[0] + corrupt + members[2], in: folder)
            #expect(try drain(reader) == plain[0] + plain[2], "scrambled from \(start)")
            let damage = reader.takeDamage(upTo: .max)
            #expect(damage.map(\.kind) == [.corrupt] && damage.first?.streamOffset == plain[0].count, "scrambled from \(start)")
            #expect(damage.first?.fileOffset == members[0].count && damage.first?.skippedBytes == corrupt.count, "scrambled from \(start)")
        }
    }

    @Test func aSoundMemberStoredInsideAnotherIsReadAsItsData() throws {
        let folder = try TemporaryFolder()
        // A gzip payload (say, an HTTP body with Content-Encoding: gzip) that deflate cannot shrink, so that the outer
        // member keeps it in stored blocks, byte for byte: a sound gzip member inside the outer one's data.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let noise = (0..<6000).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let payload = try ArchiveBuilder.gzipMember(noise, in: folder)
        let outerText = Array("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".utf8) + payload
        let outer = try ArchiveBuilder.gzipMember(outerText, in: folder)
        #expect(outer.firstRange(of: payload.prefix(16)) != nil, "the payload is not stored as it is; the test shows nothing")
        let plain = texts(2)
        let members = try plain.map { try ArchiveBuilder.gzipMember($0, in: folder) }
        let reader = try file(members[0] + outer + members[1], in: folder)
        #expect(try drain(reader) == plain[0] + outerText + plain[1])
        #expect(reader.takeDamage(upTo: .max).isEmpty)
    }

    @Test func aMemberTooLongToHoldIsHandedOutAsItComes() throws {
        let folder = try TemporaryFolder()
        // More than the reader holds back until a member's checksum (4 MiB): one member over a whole file.
        let line = Array("a line of a whole-file gzip that goes on and on, number ".utf8)
        var plain: [UInt8] = []
        var number = 0
        while plain.count < 6 << 20 {
            plain += line + Array("\(number)\n".utf8)
            number += 1
        }
        let member = try ArchiveBuilder.gzipMember(plain, in: folder)
        #expect(try drain(file(member, in: folder)) == plain)
        // Scrambled near its end: what came before the damage was handed out, the damage is reported.
        var corrupt = member
        for index in (corrupt.count - 400)..<(corrupt.count - 380) { corrupt[index] ^= 0x5a }
        let reader = try file(corrupt, in: folder)
        let read = try drain(reader)
        #expect(read.count >= 4 << 20 && read.prefix(4 << 20) == plain.prefix(4 << 20))
        #expect(reader.takeDamage(upTo: .max).map(\.kind) == [.corrupt])
    }
}
