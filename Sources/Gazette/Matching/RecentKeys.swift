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
    private static let prefetchDistance = 4
    private struct Entry {
        var bytes: UInt64 = 0  // the token's bytes, little-endian, zero-padded
        var count = 0  // 0: empty
        var hash: UInt64 = 0
        var key = ""
    }

    /// 16,384 entries (640 KB a thread): with 4,096, a third of the misses on 1 MB of news were tokens pushing
    /// each other out, not new tokens.
    private static let slotBits = 14
    private let entries: UnsafeMutablePointer<Entry>

    private init() {
        entries = .allocate(capacity: 1 << Self.slotBits)
        entries.initialize(repeating: Entry(), count: 1 << Self.slotBits)
    }

    deinit {
        entries.deinitialize(count: 1 << Self.slotBits)
        entries.deallocate()
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
                    for (index, token) in tokens.enumerated() {
                        // The table is rarely in cache after the other stages' work: ask for an entry ahead.
                        if index + Self.prefetchDistance < tokens.count {
                            prefetch(tokens[index + Self.prefetchDistance].utf8Range, in: bytes)
                        }
                        let (key, hash) = foldAndHash(token.utf8Range, in: bytes)
                        keys.initializeElement(at: index, to: key)
                        hashes.initializeElement(at: index, to: hash)
                    }
                    hashCount = tokens.count
                }
                keyCount = tokens.count
            }
        }
        return TokenKeys(keys: keys, hashes: hashes)
    }

    /// `foldAndHash` of `text[range]`.
    private func foldAndHash(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> (key: String, hash: UInt64) {
        guard let (bytes, entry) = entry(for: range, in: text) else {
            return Self.foldAndHash(UnsafeBufferPointer(rebasing: text[range]))
        }
        if entry.pointee.bytes == bytes && entry.pointee.count == range.count {
            return (entry.pointee.key, entry.pointee.hash)
        }
        let (key, hash) = Self.foldAndHash(UnsafeBufferPointer(rebasing: text[range]))
        entry.pointee = Entry(bytes: bytes, count: range.count, hash: hash, key: key)
        return (key, hash)
    }

    @inline(__always)
    private func prefetch(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) {
        if let (_, entry) = entry(for: range, in: text) { gz_prefetch(entry) }
    }

    /// The token's bytes packed into an integer and the entry they belong in, for a token of one to eight bytes.
    @inline(__always)
    private func entry(for range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> (UInt64, UnsafeMutablePointer<Entry>)? {
        let count = range.count
        guard count > 0, count <= 8 else { return nil }
        var bytes: UInt64 = 0
        if range.lowerBound + 8 <= text.count {
            bytes = UnsafeRawPointer(text.baseAddress! + range.lowerBound).loadUnaligned(as: UInt64.self)
            if count < 8 { bytes &= (1 << (8 * UInt64(count))) - 1 }
        } else {
            for (index, byte) in text[range].enumerated() { bytes |= UInt64(byte) << (8 * index) }
        }
        // Fibonacci hashing: the top bits of the product pick the entry.
        return (bytes, entries + HashMixing.fibonacciSlot(bytes, shift: 64 - UInt64(Self.slotBits)))
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
