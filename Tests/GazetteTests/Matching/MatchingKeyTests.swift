import Testing
@testable import Gazette

/// `foldAndHash` and the normalizer take fast paths (one pass over ASCII, keys remembered per thread); these tests pin
/// them to the plain `fold` and `FeatureHash.of`.
@Suite("Matching keys")
struct MatchingKeyTests {
    private static let samples = [
        "The", "NATO", "U.S.", "a.m.", "3.5", "...", ".", ",", "1996-08-30", "iPhone", "McCarthy", "'s", "’s",
        "Zürich", "ZÜRICH", "cafe\u{301}", "İstanbul", "ǅemal", "北京", "😀", "👍🏽", "Straße", "“quotes”", "—",
        "abcdefgh", "ABCDEFGHI", "a\u{0}b", "averyveryverylongwordindeed", "Ünïcode.Dots", "x",
        // Up to 15 bytes are remembered: lengths around 8 and 15, and tokens that differ only past their eighth byte.
        "abcdefgh\u{0}", "President", "president's", "presidents", "Governments", "ABCDEFGHIJKLMNO",
        "abcdefghijklmnop", "abcdefghijklmnoP", "abcdefghijklmnopq", "abcdefghijklmno\u{0}", "Münchenerstr.", "x",
    ]

    @Test func foldAndHashAgreesWithFold() {
        for sample in Self.samples {
            var text = sample
            let (key, hash) = text.withUTF8 { RecentKeys.foldAndHash($0) }
            #expect(key == MatchingKey.fold(sample), "\(sample)")
            #expect(hash == FeatureHash.of(MatchingKey.fold(sample)), "\(sample)")
        }
    }

    @Test func packedFoldAgreesWithTheBytewiseFold() {
        // Every ASCII byte at every position of tokens of 1 to 15 bytes, among letters, digits and periods.
        var tokens: [[UInt8]] = Self.samples.map { Array($0.utf8) }
        for length in 1...RecentKeys.TokenBytes.maximumCount {
            for filler in ["aBc", "1.5", "Q.", "..", "xY9"] {
                let plain = (0..<length).map { Array(filler.utf8)[$0 % filler.utf8.count] }
                for position in 0..<length {
                    for byte in UInt8(0)...0x7F {
                        var token = plain
                        token[position] = byte
                        tokens.append(token)
                    }
                }
            }
        }
        var packedCount = 0
        for token in tokens {
            let reference = token.withUnsafeBufferPointer { RecentKeys.foldAndHash($0) }
            guard token.count <= RecentKeys.TokenBytes.maximumCount else { continue }
            guard let packed = RecentKeys.foldAndHash(RecentKeys.TokenBytes(packing: token)) else {
                // Only tokens that are not plain ASCII, or that have a period beside a letter, are left to the bytewise fold.
                #expect(token.contains { $0 >= 0x80 } || (token.contains(UInt8(ascii: ".")) && token.contains { $0.isASCIILetter }), "\(token)")
                continue
            }
            packedCount += 1
            #expect(packed.key == reference.key, "\(token)")
            #expect(packed.hash == reference.hash, "\(token)")
        }
        #expect(packedCount > tokens.count / 2)
    }

    @Test func normalizerKeysAgreeWithFoldForRepeatedTokens() throws {
        // Every sample three times, in two documents, and once near the very end of a text (fewer than 16 bytes
        // follow it): remembered keys must be the keys.
        let text = (Self.samples + Self.samples + Self.samples).joined(separator: " ")
        for text in [text, text, "end " + Self.samples.joined(separator: " "), "end " + Self.samples.joined(separator: " ") + " Governments"] {
            var document = Document(text: text)
            var offset = 0
            document.tokens = text.split(separator: " ", omittingEmptySubsequences: false).map { piece in
                defer { offset += piece.utf8.count + 1 }
                return Token(start: offset, end: offset + piece.utf8.count, kind: .word, shape: .lower)
            }
            try TokenNormalizer().process(&document)
            let expected = text.split(separator: " ", omittingEmptySubsequences: false).map { MatchingKey.fold(String($0)) }
            #expect(document.tokenKeys.keys == expected)
            #expect(document.tokenKeys.hashes == expected.map { FeatureHash.of($0) })
        }
    }
}
