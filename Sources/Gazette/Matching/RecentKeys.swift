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
        var bytes = TokenBytes()
        var count = 0  // 0: empty
        var hash: UInt64 = 0
        var key = ""
    }

    /// A token of up to 16 bytes, little-endian, zero-padded: nearly every token. With only tokens of up to eight
    /// bytes kept, the 7% that are longer ("government", "president's") were all folded again.
    private struct TokenBytes: Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0
    }

    /// 32,768 entries (1.5 MB a thread): with 4,096, a third of the misses on 1 MB of news were tokens pushing
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
                            let found = entry(for: tokens[index].utf8Range, in: bytes)
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
        if let entry = located.entry, entry.pointee.bytes == located.bytes, entry.pointee.count == range.count {
            return (entry.pointee.key, entry.pointee.hash)
        }
        return foldAndKeep(range, located, in: text)
    }

    /// `foldAndHash` of a token the table does not hold, kept in its entry if it has one.
    @inline(never)
    private func foldAndKeep(_ range: Range<Int>, _ located: (bytes: TokenBytes, entry: UnsafeMutablePointer<Entry>?),
                             in text: UnsafeBufferPointer<UInt8>) -> (key: String, hash: UInt64) {
        let (key, hash) = Self.foldAndHash(UnsafeBufferPointer(rebasing: text[range]))
        located.entry?.pointee = Entry(bytes: located.bytes, count: range.count, hash: hash, key: key)
        return (key, hash)
    }

    /// The token's bytes packed into two integers and the entry they belong in, for a token of one to 16 bytes.
    @inline(__always)
    private func entry(for range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> (TokenBytes, UnsafeMutablePointer<Entry>)? {
        let count = range.count
        guard count > 0, count <= 16 else { return nil }
        var bytes = TokenBytes()
        if range.lowerBound + 16 <= text.count {
            let start = UnsafeRawPointer(text.baseAddress! + range.lowerBound)
            bytes.low = start.loadUnaligned(as: UInt64.self)
            if count < 8 {
                bytes.low &= (1 << (8 * UInt64(count))) - 1
            } else if count > 8 {
                bytes.high = start.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                if count < 16 { bytes.high &= (1 << (8 * UInt64(count - 8))) - 1 }
            }
        } else {
            for (index, byte) in text[range].enumerated() {
                if index < 8 {
                    bytes.low |= UInt64(byte) << (8 * index)
                } else {
                    bytes.high |= UInt64(byte) << (8 * (index - 8))
                }
            }
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
