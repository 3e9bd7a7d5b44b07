/// XXH64, a fast 64-bit hash with a published, fixed definition: the same bytes give the same value on every run
/// and machine. Gazette uses it for the resource stamp (`Provenance`) and for the checksum of compiled gazetteer
/// files. Not for security.
///
/// A kernel: `hash(_:seed:)` reads eight bytes at a time through a raw pointer; `referenceHash(_:seed:)` is the
/// same definition written plainly over an array, and a differential test pins one to the other.
enum XXH64 {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// The XXH64 of `bytes` with `seed`.
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return avalanche(seed &+ p5) }
        var offset = 0
        var h: UInt64
        if count >= 32 {
            var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
            // Two 32-byte stripes per turn while they last (the checksums of the gazetteer cache and the models
            // hash tens of megabytes at every start; one stripe a turn spent a quarter more instructions on the
            // loop and on register copies), then at most one more.
            while offset &+ 64 <= count {
                v1 = round(v1, load64(base, offset))
                v2 = round(v2, load64(base, offset &+ 8))
                v3 = round(v3, load64(base, offset &+ 16))
                v4 = round(v4, load64(base, offset &+ 24))
                v1 = round(v1, load64(base, offset &+ 32))
                v2 = round(v2, load64(base, offset &+ 40))
                v3 = round(v3, load64(base, offset &+ 48))
                v4 = round(v4, load64(base, offset &+ 56))
                offset &+= 64
            }
            if offset &+ 32 <= count {
                v1 = round(v1, load64(base, offset))
                v2 = round(v2, load64(base, offset &+ 8))
                v3 = round(v3, load64(base, offset &+ 16))
                v4 = round(v4, load64(base, offset &+ 24))
                offset &+= 32
            }
            h = rotate(v1, 1) &+ rotate(v2, 7) &+ rotate(v3, 12) &+ rotate(v4, 18)
            h = merge(h, v1); h = merge(h, v2); h = merge(h, v3); h = merge(h, v4)
        } else {
            h = seed &+ p5
        }
        h &+= UInt64(count)
        while offset + 8 <= count {
            h ^= round(0, load64(base, offset))
            h = rotate(h, 27) &* p1 &+ p4
            offset += 8
        }
        if offset + 4 <= count {
            h ^= UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) &* p1
            h = rotate(h, 23) &* p2 &+ p3
            offset += 4
        }
        while offset < count {
            h ^= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) &* p5
            h = rotate(h, 11) &* p1
            offset += 1
        }
        return avalanche(h)
    }

    /// The XXH64 of an array's bytes with `seed`.
    static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }

    /// The XXH64 of a string's UTF-8 bytes with `seed`.
    static func hash(_ string: String, seed: UInt64 = 0) -> UInt64 {
        var string = string
        return string.withUTF8 { hash(UnsafeRawBufferPointer($0), seed: seed) }
    }

    /// 16 lower-case hex digits.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// XXH64 written plainly, byte by byte, for the differential test of `hash(_:seed:)`.
    static func referenceHash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        func word(_ at: Int, _ width: Int) -> UInt64 {
            (0..<width).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) }
        }
        var offset = 0
        var h: UInt64
        if bytes.count >= 32 {
            var lanes = [seed &+ p1 &+ p2, seed &+ p2, seed, seed &- p1]
            while offset + 32 <= bytes.count {
                for lane in 0..<4 { lanes[lane] = round(lanes[lane], word(offset + 8 * lane, 8)) }
                offset += 32
            }
            h = rotate(lanes[0], 1) &+ rotate(lanes[1], 7) &+ rotate(lanes[2], 12) &+ rotate(lanes[3], 18)
            for lane in lanes { h = merge(h, lane) }
        } else {
            h = seed &+ p5
        }
        h &+= UInt64(bytes.count)
        while offset + 8 <= bytes.count {
            h = rotate(h ^ round(0, word(offset, 8)), 27) &* p1 &+ p4
            offset += 8
        }
        if offset + 4 <= bytes.count {
            h = rotate(h ^ word(offset, 4) &* p1, 23) &* p2 &+ p3
            offset += 4
        }
        for byte in bytes[offset...] {
            h = rotate(h ^ UInt64(byte) &* p5, 11) &* p1
        }
        return avalanche(h)
    }

    @inline(__always) private static func load64(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always) private static func rotate(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotate(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always) private static func merge(_ acc: UInt64, _ value: UInt64) -> UInt64 {
        (acc ^ round(0, value)) &* p1 &+ p4
    }

    @inline(__always) private static func avalanche(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h &*= p2
        h ^= h >> 29
        h &*= p3
        h ^= h >> 32
        return h
    }
}
