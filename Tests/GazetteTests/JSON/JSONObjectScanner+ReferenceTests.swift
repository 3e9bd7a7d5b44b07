import Testing
@testable import Gazette
@testable import GazetteTraining

/// The object scanner kernel against its plain recursive-descent reference, on random objects, valid and broken.
@Suite("JSON object scanner against its reference")
struct JSONObjectScannerReferenceTests {
    /// A scan's outcome, keys compared by bytes.
    enum Outcome: Equatable {
        struct Member: Equatable {
            var key: [UInt8]
            var valueRange: Range<Int>
            var kind: JSONValueKind
        }

        case members([Member])
        case error(JSONSyntaxError)
    }

    static func outcome(_ scan: () throws(JSONSyntaxError) -> [JSONMember]) -> Outcome {
        do throws(JSONSyntaxError) {
            return .members(try scan().map { Outcome.Member(key: Array($0.key.utf8), valueRange: $0.valueRange, kind: $0.kind) })
        } catch {
            return .error(error)
        }
    }

    static func compare(_ bytes: [UInt8]) -> Outcome {
        let kernel = outcome { () throws(JSONSyntaxError) in try JSONObjectScanner.members(of: bytes) }
        #expect(kernel == outcome { () throws(JSONSyntaxError) in try JSONObjectScanner.referenceMembers(of: bytes) },
                "\(String(decoding: bytes, as: UTF8.self))")
        return kernel
    }

    /// Atoms, valid ones first: a bad one is picked once in ten.
    static let numbers = (valid: ["0", "-0", "12", "1.5", "1e10", "-2.5E-3", "7e+2"], bad: ["01", "1.", "-", "1e", "+1", ".5", "-x"])
    static let literals = (valid: ["true", "false", "null"], bad: ["tru", "nul", "falsey", "t"])
    static let spaces = ["", " ", "\n", "\t ", "\r\n", "\u{0B}"]

    static func randomString(_ random: inout SeededGenerator) -> [UInt8] {
        var content = JSONStringReferenceTests.randomContent(&random)
        // Mostly valid content: drop raw quotes, backslashes and control characters in most rounds.
        if random.next() % 8 != 0 { content = content.filter { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") } }
        return [UInt8(ascii: "\"")] + content + [UInt8(ascii: "\"")]
    }

    static func atom(_ atoms: (valid: [String], bad: [String]), _ random: inout SeededGenerator) -> [UInt8] {
        let list = random.next() % 10 == 0 ? atoms.bad : atoms.valid
        return Array(list[Int(random.next() % UInt64(list.count))].utf8)
    }

    static func randomValue(_ random: inout SeededGenerator, depth: Int) -> [UInt8] {
        func space() -> [UInt8] { Array(spaces[Int(random.next() % UInt64(spaces.count))].utf8) }
        switch random.next() % (depth > 3 ? 3 : 5) {
        case 0: return randomString(&random)
        case 1: return atom(numbers, &random)
        case 2: return atom(literals, &random)
        case 3: return randomObject(&random, depth: depth + 1)
        default:
            let elements = (0..<Int(random.next() % 4)).map { _ in space() + randomValue(&random, depth: depth + 1) + space() }
            return Array("[".utf8) + Array(elements.joined(separator: Array(",".utf8))) + Array("]".utf8)
        }
    }

    static func randomObject(_ random: inout SeededGenerator, depth: Int) -> [UInt8] {
        func space() -> [UInt8] { Array(spaces[Int(random.next() % UInt64(spaces.count))].utf8) }
        let members = (0..<Int(random.next() % 5)).map { _ in
            space() + randomString(&random) + space() + Array(":".utf8) + space() + randomValue(&random, depth: depth) + space()
        }
        return Array("{".utf8) + space() + Array(members.joined(separator: Array(",".utf8))) + Array("}".utf8)
    }

    @Test func randomObjectsScanAsTheReference() {
        var random = SeededGenerator(seed: 8259)
        let structural = Array(#"{}[]:,"\ 0-.eEtfn"#.utf8) + [0, 0x01, 0xFF]
        var valid = 0, broken = 0
        for round in 0..<10_000 {
            var bytes = Array(" ".utf8) + Self.randomObject(&random, depth: 1) + Array("\n".utf8)
            // Most rounds break the text: a byte dropped, replaced or added, or the text cut short.
            for _ in 0..<(round % 3 == 0 ? 0 : 1 + Int(random.next() % 3)) where !bytes.isEmpty {
                let at = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 4 {
                case 0: bytes.remove(at: at)
                case 1: bytes[at] = structural[Int(random.next() % UInt64(structural.count))]
                case 2: bytes.insert(structural[Int(random.next() % UInt64(structural.count))], at: at)
                default: bytes.removeSubrange(at...)
                }
            }
            switch Self.compare(bytes) {
            case .members: valid += 1
            case .error: broken += 1
            }
        }
        #expect(valid > 1_000 && broken > 1_000)
    }

    @Test func writtenTextsScanAsTheReference() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        let texts = ["", " ", "{}", "[]", #"{"a":1}"#, #"{"a":1,}"#, #"{"a" 1}"#, #"{"a":}"#, #"{"a":[1,]}"#, #"{"a":1} x"#,
                     #"{"k\u00e9y":"v","k\u00e9y":2}"#, "{\"a\":\(deep)}", #"{"a":"\uD83D"}"#, #"{"a":tru}"#, #"{"a":01}"#]
        for text in texts { _ = Self.compare(Array(text.utf8)) }
    }
}
