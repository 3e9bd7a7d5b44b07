/// The checksum of version-1 topic model files: a 64-bit checksum that reads eight bytes at a time in four
/// independent lanes (a byte-wise hash would cost milliseconds on a model file). Each step `(lane ^ word) * odd` is
/// a bijection of the lane, so a change within one lane's words always changes the result; the lanes are mixed at
/// the end with SplitMix64's finaliser.
///
/// A kernel: `checksum` loads the words through a raw pointer; `referenceChecksum` is the same arithmetic with each
/// word put together byte by byte, and `LaneChecksumTests` pins the two together.
enum LaneChecksum {
    private static let seeds: (UInt64, UInt64, UInt64, UInt64) = (FNV1a.offsetBasis, 0x84222325cbf29ce4, 0x9E37_79B9_7F4A_7C15, 0xD6E8_FEB8_6659_FD93)

    /// The checksum of `bytes`.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        let prime = FNV1a.prime
        var lanes = seeds
        return bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + 32 <= raw.count {
                lanes.0 = (lanes.0 ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))) &* prime
                lanes.1 = (lanes.1 ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))) &* prime
                lanes.2 = (lanes.2 ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))) &* prime
                lanes.3 = (lanes.3 ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))) &* prime
                offset += 32
            }
            while offset < raw.count {
                lanes.0 = (lanes.0 ^ UInt64(raw[offset])) &* prime
                offset += 1
            }
            let mix = HashMixing.splitMix64
            return mix(lanes.0) ^ mix(lanes.1 &+ 1) ^ mix(lanes.2 &+ 2) ^ mix(lanes.3 &+ 3) ^ mix(UInt64(raw.count))
        }
    }

    /// `checksum` written plainly: whole 32-byte blocks as four little-endian words, one per lane, then the rest
    /// byte by byte into the first lane.
    static func referenceChecksum(_ bytes: [UInt8]) -> UInt64 {
        var lanes = [seeds.0, seeds.1, seeds.2, seeds.3]
        let whole = bytes.count / 32 * 32
        for offset in stride(from: 0, to: whole, by: 8) {
            var word: UInt64 = 0
            for index in 0..<8 { word |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
            let lane = offset / 8 % 4
            lanes[lane] = (lanes[lane] ^ word) &* FNV1a.prime
        }
        for byte in bytes[whole...] { lanes[0] = (lanes[0] ^ UInt64(byte)) &* FNV1a.prime }
        let mix = HashMixing.splitMix64
        return mix(lanes[0]) ^ mix(lanes[1] &+ 1) ^ mix(lanes[2] &+ 2) ^ mix(lanes[3] &+ 3) ^ mix(UInt64(bytes.count))
    }
}
