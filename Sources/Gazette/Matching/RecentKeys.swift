import CICU

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The kernel behind `TokenNormalizer`: the keys of the short tokens a thread met last. Tokens repeat ("the", ",",
/// "said") far more often than new ones appear, and finding a key again costs less than folding and hashing the
/// bytes and making a String. One table per thread, so that no lock is needed; it lives as long as the thread.
///
/// Its reference is `MatchingKey.fold` with `FeatureHash.of`: the tests pin every key and hash it gives to them.
final class RecentKeys {
    /// Tokens are looked up in blocks: first every entry of a block is found and asked for, then read.
    private static let blockSize = 64
    private struct Entry {
        var bytes = TokenBytes()  // none: empty
        var hash: UInt64 = 0
        var key = ""
    }

    /// A token of up to 15 bytes, little-endian, zero-padded, with its length in the top byte: nearly every token,
    /// told from another by comparing two integers. With only tokens of up to eight bytes kept, the 7% that are
    /// longer ("government", "president's") were all folded again.
    struct TokenBytes: Equatable {
        static let maximumCount = 15
        var low: UInt64 = 0
        var high: UInt64 = 0

        init() {}

        /// The token's bytes, the first eight in `low`, the next seven in `high` (zero-padded).
        @inline(__always)
        init(low: UInt64, high: UInt64, count: Int) {
            self.low = low
            self.high = high | UInt64(truncatingIfNeeded: count) << 56
        }

        /// One to 15 bytes, packed.
        init(packing bytes: some Collection<UInt8>) {
            var low: UInt64 = 0, high: UInt64 = 0
            for (index, byte) in bytes.enumerated() {
                if index < 8 {
                    low |= UInt64(byte) << (8 * index)
                } else {
                    high |= UInt64(byte) << (8 * (index - 8))
                }
            }
            self.init(low: low, high: high, count: bytes.count)
        }

        /// The number of bytes.
        var count: Int { Int(truncatingIfNeeded: high >> 56) }

        /// Bytes 9 to 15.
        var highBytes: UInt64 { high & 0x00FF_FFFF_FFFF_FFFF }
    }

    /// 32,768 entries (1.25 MB a thread): with 4,096, a third of the misses on 1 MB of news were tokens pushing
    /// each other out, not new tokens, and 16,384 still cost 0.35% more of a run on 10 MB of news.
    private static let slotBits = 15
    private let entries: UnsafeMutablePointer<Entry>
    /// The bytes and entry of each token of the block being looked up (no entry: a token too long to keep).
    private let block: UnsafeMutablePointer<(bytes: TokenBytes, entry: UnsafeMutablePointer<Entry>?)>

    private init() {
        entries = .allocate(capacity: 1 << Self.slotBits)
        entries.initialize(repeating: Entry(), count: 1 << Self.slotBits)
        block = .allocate(capacity: Self.blockSize)
        block.initialize(repeating: (TokenBytes(), nil), count: Self.blockSize)
    }

    deinit {
        entries.deinitialize(count: 1 << Self.slotBits)
        entries.deallocate()
        block.deallocate()
    }

    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { table in
            guard let table else { return }
            Unmanaged<RecentKeys>.fromOpaque(table).release()
        }
        return key
    }()

    static var ofThisThread: RecentKeys {
        if let table = pthread_getspecific(threadKey) { return Unmanaged<RecentKeys>.fromOpaque(table).takeUnretainedValue() }
        let table = RecentKeys()
        pthread_setspecific(threadKey, Unmanaged.passRetained(table).toOpaque())
        return table
    }

    /// The key and key hash of every token of `text`.
    func keys(of tokens: [Token], in text: String) -> TokenKeys {
        var text = text
        var hashes: [UInt64] = []
        let keys = text.withUTF8 { bytes in
            [String](unsafeUninitializedCapacity: tokens.count) { keys, keyCount in
                hashes = [UInt64](unsafeUninitializedCapacity: tokens.count) { hashes, hashCount in
                    var blockStart = 0
                    while blockStart < tokens.count {
                        let blockEnd = min(blockStart + Self.blockSize, tokens.count)
                        // The table is rarely in cache after the other stages' work: every entry of the block is
                        // asked for before the first is read.
                        for index in blockStart..<blockEnd {
                            let token = tokens[index]
                            let found = entry(start: token.start, end: token.end, in: bytes)
                            block[index - blockStart] = (found?.0 ?? TokenBytes(), found?.1)
                            if let entry = found?.1 { gz_prefetch(entry) }
                        }
                        for index in blockStart..<blockEnd {
                            let (key, hash) = foldAndHash(tokens[index].utf8Range, block[index - blockStart], in: bytes)
                            keys.initializeElement(at: index, to: key)
                            hashes.initializeElement(at: index, to: hash)
                        }
                        blockStart = blockEnd
                    }
                    hashCount = tokens.count
                }
                keyCount = tokens.count
            }
        }
        return TokenKeys(keys: keys, hashes: hashes)
    }

    /// `foldAndHash` of `text[range]`, whose bytes and entry `located` holds: inlined when the entry holds the
    /// token, as it does for most tokens.
    @inline(__always)
    private func foldAndHash(_ range: Range<Int>, _ located: (bytes: TokenBytes, entry: UnsafeMutablePointer<Entry>?),
                             in text: UnsafeBufferPointer<UInt8>) -> (key: String, hash: UInt64) {
        if let entry = located.entry, entry.pointee.bytes == located.bytes {
            return (entry.pointee.key, entry.pointee.hash)
        }
        return foldAndKeep(range, located, in: text)
    }

    /// `foldAndHash` of a token the table does not hold, kept in its entry if it has one.
    @inline(never)
    private func foldAndKeep(_ range: Range<Int>, _ located: (bytes: TokenBytes, entry: UnsafeMutablePointer<Entry>?),
                             in text: UnsafeBufferPointer<UInt8>) -> (key: String, hash: UInt64) {
        guard let entry = located.entry else { return Self.foldAndHash(UnsafeBufferPointer(rebasing: text[range])) }
        let (key, hash) = Self.foldAndHash(located.bytes) ?? Self.foldAndHash(UnsafeBufferPointer(rebasing: text[range]))
        entry.pointee = Entry(bytes: located.bytes, hash: hash, key: key)
        return (key, hash)
    }

    /// `foldAndHash` of the bytes packed in `bytes`, folded eight at a time, for the tokens whose key is their
    /// bytes in lower case: ASCII, without a period beside a letter. Nil for the others.
    static func foldAndHash(_ bytes: TokenBytes) -> (key: String, hash: UInt64)? {
        let highBits: UInt64 = 0x8080_8080_8080_8080
        guard (bytes.low | bytes.highBytes) & highBits == 0 else { return nil }
        let low = lowercased(bytes.low), high = lowercased(bytes.highBytes), count = bytes.count
        // Periods stay in the key only when there is no letter ("3.5", "..."), as `foldAndHash(_:)` keeps them.
        guard (letters(low) | letters(high)) == 0 || (periods(low) | periods(high)) == 0 else { return nil }
        var hash = FNV1a.offsetBasis
        let key = String(unsafeUninitializedCapacity: count) { out in
            var localHash = FNV1a.offsetBasis  // a local, as in `foldAndHash(_:)`
            var word = low
            for index in 0..<count {
                if index == 8 { word = high }
                let byte = UInt8(truncatingIfNeeded: word)
                out[index] = byte
                localHash = FNV1a.step(localHash, byte)
                word >>= 8
            }
            hash = localHash
            return count
        }
        return (key, hash)
    }

    /// `word` with its upper-case ASCII letters (bytes 0x41...0x5A) in lower case; every byte below 0x80. Adding
    /// 0x3F to a byte sets its high bit from 0x41 up, adding 0x25 from 0x5B up, and no sum carries into the next byte.
    @inline(__always)
    private static func lowercased(_ word: UInt64) -> UInt64 {
        let upper = (word &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(word &+ 0x2525_2525_2525_2525) & 0x8080_8080_8080_8080
        return word | upper >> 2
    }

    /// The high bit of each byte of `word` (lower-cased, below 0x80) that is a letter, 0x61...0x7A.
    @inline(__always)
    private static func letters(_ word: UInt64) -> UInt64 {
        (word &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(word &+ 0x0505_0505_0505_0505) & 0x8080_8080_8080_8080
    }

    /// The high bit of each byte of `word` (below 0x80) that is a period.
    @inline(__always)
    private static func periods(_ word: UInt64) -> UInt64 {
        let differences = word ^ 0x2E2E_2E2E_2E2E_2E2E
        return ~((differences & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F | differences) & 0x8080_8080_8080_8080
    }

    /// The bytes of the token at `start..<end` packed, and the entry they belong in, for a token of one to 15
    /// bytes.
    @inline(__always)
    private func entry(start: Int, end: Int, in text: UnsafeBufferPointer<UInt8>) -> (TokenBytes, UnsafeMutablePointer<Entry>)? {
        let count = end &- start
        guard count > 0, count <= TokenBytes.maximumCount else { return nil }
        let bytes: TokenBytes
        if start &+ 16 <= text.count, let base = text.baseAddress {
            let first = UnsafeRawPointer(base + start)
            var low = first.loadUnaligned(as: UInt64.self), high: UInt64 = 0
            if count < 8 {
                low &= (1 << (8 &* UInt64(count))) &- 1
            } else if count > 8 {
                high = first.loadUnaligned(fromByteOffset: 8, as: UInt64.self) & ((1 << (8 &* UInt64(count &- 8))) &- 1)
            }
            bytes = TokenBytes(low: low, high: high, count: count)
        } else {
            bytes = TokenBytes(packing: text[start..<end])
        }
        // Fibonacci hashing: the top bits of the product pick the entry.
        let mixed = bytes.low ^ (bytes.high << 32 | bytes.high >> 32)
        return (bytes, entries + HashMixing.fibonacciSlot(mixed, shift: 64 - UInt64(Self.slotBits)))
    }

    /// The key of a piece of UTF-8 text and its 64-bit FNV-1a hash (`FNV1a.hash(key)`), made in one pass for the
    /// ASCII tokens that nearly all tokens are.
    static func foldAndHash(_ bytes: UnsafeBufferPointer<UInt8>) -> (key: String, hash: UInt64) {
        var hash = FNV1a.offsetBasis
        var needsFold = false
        let key = String(unsafeUninitializedCapacity: bytes.count) { out in
            // Locals, written back once: the closure's captured variables live in memory, and the hash's chain of
            // multiplications must not wait for a store and a load at every byte.
            var localHash = FNV1a.offsetBasis
            var union: UInt8 = 0  // high bit: a non-ASCII byte
            var letters = 0, periods = 0
            for index in bytes.indices {
                let byte = bytes[index]
                union |= byte
                letters |= (byte | 0x20) &- 97 < 26 ? 1 : 0
                periods |= byte == UInt8(ascii: ".") ? 1 : 0
                let folded = byte &- 65 < 26 ? byte | 0x20 : byte
                out[index] = folded
                localHash = FNV1a.step(localHash, folded)
            }
            hash = localHash
            // Periods stay in the key only when there is no letter ("3.5", "..."), as this pass kept them.
            needsFold = union >= 0x80 || letters & periods != 0
            return needsFold ? 0 : bytes.count
        }
        if !needsFold { return (key, hash) }
        let folded = MatchingKey.fold(bytes)
        return (folded, FNV1a.hash(folded))
    }
}
