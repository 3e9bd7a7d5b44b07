import Testing

@testable import Gazette

/// Members of `text`, scanned from its UTF-8 bytes.
private func scan(_ text: String) throws(JSONSyntaxError) -> [JSONMember] {
    try JSONObjectScanner.members(of: Array(text.utf8))
}

/// The error scanning `text` throws, or nil if it scans.
private func scanError(_ text: String) -> JSONSyntaxError? {
    scanError(Array(text.utf8))
}

private func scanError(_ bytes: [UInt8]) -> JSONSyntaxError? {
    do {
        _ = try JSONObjectScanner.members(of: bytes)
        return nil
    } catch {
        return error
    }
}

/// The raw text of each member's value.
private func rawValues(_ text: String) throws -> [String] {
    let bytes = Array(text.utf8)
    return try JSONObjectScanner.members(of: bytes).map { String(decoding: bytes[$0.valueRange], as: UTF8.self) }
}

@Suite("JSONObjectScanner")
struct JSONObjectScannerTests {
    // MARK: Valid objects

    @Test func simpleObject() throws {
        let members = try scan(#"{"a":1,"b":"two","c":true,"d":false,"e":null,"f":{},"g":[]}"#)
        #expect(members.map(\.key) == ["a", "b", "c", "d", "e", "f", "g"])
        #expect(members.map(\.kind) == [.number, .string, .bool, .bool, .null, .object, .array])
        #expect(members[0].valueRange == 5..<6)
        #expect(members[1].valueRange == 11..<16)
    }

    @Test func emptyObject() throws {
        #expect(try scan("{}").isEmpty)
        #expect(try scan(" { \t\r\n } ").isEmpty)
    }

    @Test func keyOrderPreserved() throws {
        let members = try scan(#"{"zeta":1,"alpha":2,"mid":3,"Beta":4}"#)
        #expect(members.map(\.key) == ["zeta", "alpha", "mid", "Beta"])
    }

    @Test func duplicateKeysAreAllKept() throws {
        let members = try scan(#"{"a":1,"b":2,"a":3}"#)
        #expect(members.map(\.key) == ["a", "b", "a"])
        #expect(try rawValues(#"{"a":1,"b":2,"a":3}"#) == ["1", "2", "3"])
    }

    @Test func nestedValues() throws {
        let text = #"{"o":{"x":[1,{"y":[[],{}]},"s"],"z":null},"a":[[[1]],[true,false]],"n":-2}"#
        let members = try scan(text)
        #expect(members.map(\.key) == ["o", "a", "n"])
        #expect(members.map(\.kind) == [.object, .array, .number])
        #expect(try rawValues(text) == [#"{"x":[1,{"y":[[],{}]},"s"],"z":null}"#, "[[[1]],[true,false]]", "-2"])
    }

    @Test func rawRangesAreByteExact() throws {
        let text =
            #"{"n":1.50e+3,"s":"a\"b\\c\u00e9\n","big":123456789012345678901234567890,"neg":-0.0E-00,"#
            + #""arr":[ 1 , 2 ],"obj":{ "k" : "v" },"u":"😀 日本"}"#
        #expect(
            try rawValues(text) == [
                "1.50e+3", #""a\"b\\c\u00e9\n""#, "123456789012345678901234567890", "-0.0E-00", "[ 1 , 2 ]",
                #"{ "k" : "v" }"#, #""😀 日本""#,
            ])
    }

    @Test func whitespaceAround() throws {
        let text = " \t{ \"a\" :\n 1 ,\r\n \"b\"\t:\t\"x\" }\r\n"
        #expect(try rawValues(text) == ["1", #""x""#])
        #expect(try scan(text).map(\.key) == ["a", "b"])
    }

    @Test func keysAreDecoded() throws {
        let members = try scan(#"{"a\nb":1,"\u00e9t\u00e9":2,"\ud83d\ude00":3,"\"q\"":4,"":5}"#)
        #expect(members.map(\.key) == ["a\nb", "été", "😀", "\"q\"", ""])
    }

    @Test func keyWithInvalidUTF8IsRepaired() throws {
        let bytes: [UInt8] = Array(#"{"a"#.utf8) + [0xFF] + Array(#"b":1}"#.utf8)
        let members = try JSONObjectScanner.members(of: bytes)
        #expect(members.map(\.key) == ["a\u{FFFD}b"])
    }

    @Test func invalidUTF8InStringValueIsPassedThrough() throws {
        let bytes: [UInt8] = Array(#"{"a":"x"#.utf8) + [0xFF, 0xC3] + Array(#""}"#.utf8)
        let members = try JSONObjectScanner.members(of: bytes)
        #expect(Array(bytes[members[0].valueRange]) == [0x22, 0x78, 0xFF, 0xC3, 0x22])
    }

    @Test func numbersAccepted() throws {
        let numbers = ["0", "-0", "7", "-12", "0.5", "-0.5", "10.25", "1e5", "1E5", "1e+5", "1e-5", "0e0", "-1.5E+10"]
        for number in numbers {
            #expect(try rawValues("{\"n\":\(number)}") == [number], "\(number)")
            #expect(try rawValues("{\"n\":[\(number)]}") == ["[\(number)]"], "\(number)")
        }
    }

    @Test func stringEscapesAccepted() throws {
        let text = #"{"s":"\" \\ \/ \b \f \n \r \t \u0000 \uABCD \uabcd \ud83d\ude00 \ud800"}"#
        #expect(try scan(text).map(\.kind) == [.string])
    }

    @Test func longStringsUseEveryPath() throws {
        // Long runs exercise the eight-bytes-at-a-time skipping, with specials at every alignment.
        for position in 0..<20 {
            var value = Array(repeating: UInt8(ascii: "x"), count: 24)
            value.insert(contentsOf: Array(#"\n"#.utf8), at: position)
            let bytes = Array(#"{"k":""#.utf8) + value + Array(#""}"#.utf8)
            let members = try JSONObjectScanner.members(of: bytes)
            #expect(members[0].valueRange == 5..<(bytes.count - 1))
            var bad = Array(repeating: UInt8(ascii: "x"), count: 24)
            bad.insert(0x01, at: position)
            let badBytes = Array(#"{"k":""#.utf8) + bad + Array(#""}"#.utf8)
            #expect(
                scanError(badBytes)
                    == JSONSyntaxError(offset: 6 + position, message: "unescaped control character in string"))
        }
    }

    @Test func nestingUpToTheLimit() throws {
        // The top-level object is level 1: 511 nested arrays reach 512.
        let text = "{\"a\":" + String(repeating: "[", count: 511) + String(repeating: "]", count: 511) + "}"
        #expect(try scan(text).map(\.kind) == [.array])
        let objects = "{\"a\":" + String(repeating: "{\"b\":", count: 511) + "1" + String(repeating: "}", count: 512)
        #expect(try scan(objects).map(\.kind) == [.object])
    }

    // MARK: Errors

    @Test func emptyLine() {
        #expect(scanError("") == JSONSyntaxError(offset: 0, message: "expected a JSON object"))
        #expect(scanError("   ") == JSONSyntaxError(offset: 3, message: "expected a JSON object"))
    }

    @Test func notAnObject() {
        #expect(scanError("[1,2]") == JSONSyntaxError(offset: 0, message: "expected a JSON object"))
        #expect(scanError(" \"a\"") == JSONSyntaxError(offset: 1, message: "expected a JSON object"))
        #expect(scanError("1") == JSONSyntaxError(offset: 0, message: "expected a JSON object"))
        #expect(scanError("null") == JSONSyntaxError(offset: 0, message: "expected a JSON object"))
        // A byte order mark is not JSON whitespace.
        #expect(
            scanError([0xEF, 0xBB, 0xBF, 0x7B, 0x7D]) == JSONSyntaxError(offset: 0, message: "expected a JSON object"))
    }

    @Test func trailingGarbage() {
        #expect(scanError(#"{"a":1} x"#) == JSONSyntaxError(offset: 8, message: "unexpected data after JSON object"))
        #expect(scanError(#"{"a":1}{}"#) == JSONSyntaxError(offset: 7, message: "unexpected data after JSON object"))
        #expect(scanError("{}\u{0}") == JSONSyntaxError(offset: 2, message: "unexpected data after JSON object"))
    }

    @Test func missingColon() {
        #expect(scanError(#"{"a" 1}"#) == JSONSyntaxError(offset: 5, message: "expected ':' after object key"))
        #expect(scanError(#"{"a":{"b" 1}}"#) == JSONSyntaxError(offset: 10, message: "expected ':' after object key"))
    }

    @Test func trailingComma() {
        #expect(scanError(#"{"a":1,}"#) == JSONSyntaxError(offset: 7, message: "trailing comma in object"))
        #expect(scanError(#"{"a":[1,]}"#) == JSONSyntaxError(offset: 8, message: "trailing comma in array"))
        #expect(scanError(#"{"a":{"b":1, }}"#) == JSONSyntaxError(offset: 13, message: "trailing comma in object"))
    }

    @Test func structuralErrors() {
        #expect(
            scanError(#"{"a":1 "b":2}"#)
                == JSONSyntaxError(offset: 7, message: "expected ',' or '}' after object member"))
        #expect(
            scanError(#"{"a":[1 2]}"#) == JSONSyntaxError(offset: 8, message: "expected ',' or ']' after array element")
        )
        #expect(scanError(#"{a:1}"#) == JSONSyntaxError(offset: 1, message: "expected '\"' to begin object key"))
        #expect(scanError(#"{"a":1,2:3}"#) == JSONSyntaxError(offset: 7, message: "expected '\"' to begin object key"))
        #expect(scanError(#"{"a":}"#) == JSONSyntaxError(offset: 5, message: "expected a JSON value"))
        #expect(scanError(#"{"a":'x'}"#) == JSONSyntaxError(offset: 5, message: "expected a JSON value"))
        #expect(scanError(#"{"a":[,1]}"#) == JSONSyntaxError(offset: 6, message: "expected a JSON value"))
        #expect(scanError(#"{"a":+1}"#) == JSONSyntaxError(offset: 5, message: "expected a JSON value"))
        #expect(scanError(#"{"a":.5}"#) == JSONSyntaxError(offset: 5, message: "expected a JSON value"))
        #expect(
            scanError(#"{"a":1]"#) == JSONSyntaxError(offset: 6, message: "expected ',' or '}' after object member"))
    }

    @Test func unexpectedEndOfInput() {
        let end = "unexpected end of input"
        #expect(scanError("{") == JSONSyntaxError(offset: 1, message: end))
        #expect(scanError(#"{"a""#) == JSONSyntaxError(offset: 4, message: end))
        #expect(scanError(#"{"a":"#) == JSONSyntaxError(offset: 5, message: end))
        #expect(scanError(#"{"a":1"#) == JSONSyntaxError(offset: 6, message: end))
        #expect(scanError(#"{"a":1,"#) == JSONSyntaxError(offset: 7, message: end))
        #expect(scanError(#"{"a":[1"#) == JSONSyntaxError(offset: 7, message: end))
        #expect(scanError(#"{"a":{"#) == JSONSyntaxError(offset: 6, message: end))
    }

    @Test func unterminatedString() {
        #expect(scanError(#"{"a":"abc"#) == JSONSyntaxError(offset: 5, message: "unterminated string"))
        #expect(scanError(#"{"abc"#) == JSONSyntaxError(offset: 1, message: "unterminated string"))
        #expect(scanError(#"{"a":"abc\"}"#) == JSONSyntaxError(offset: 5, message: "unterminated string"))
        #expect(scanError(#"{"a":"abc\"#) == JSONSyntaxError(offset: 5, message: "unterminated string"))
        #expect(scanError(#"{"a":"\u12"#) == JSONSyntaxError(offset: 5, message: "unterminated string"))
    }

    @Test func badEscape() {
        #expect(scanError(#"{"a":"x\xy"}"#) == JSONSyntaxError(offset: 7, message: "invalid escape sequence"))
        #expect(scanError(#"{"a\'":1}"#) == JSONSyntaxError(offset: 3, message: "invalid escape sequence"))
        #expect(scanError(#"{"a":"\U00e9"}"#) == JSONSyntaxError(offset: 6, message: "invalid escape sequence"))
        #expect(
            scanError(#"{"a":"\u00g9"}"#)
                == JSONSyntaxError(offset: 6, message: "invalid \\u escape, expected 4 hex digits"))
        #expect(
            scanError(#"{"a":"\u12"}"#)
                == JSONSyntaxError(offset: 6, message: "invalid \\u escape, expected 4 hex digits"))
    }

    @Test func badNumbers() {
        #expect(
            scanError(#"{"a":01}"#) == JSONSyntaxError(offset: 5, message: "leading zeros are not allowed in numbers"))
        #expect(
            scanError(#"{"a":-00}"#) == JSONSyntaxError(offset: 6, message: "leading zeros are not allowed in numbers"))
        #expect(scanError(#"{"a":-}"#) == JSONSyntaxError(offset: 6, message: "expected digit after '-'"))
        #expect(scanError(#"{"a":-"#) == JSONSyntaxError(offset: 6, message: "expected digit after '-'"))
        #expect(scanError(#"{"a":-a}"#) == JSONSyntaxError(offset: 6, message: "expected digit after '-'"))
        #expect(scanError(#"{"a":1.}"#) == JSONSyntaxError(offset: 7, message: "expected digit after decimal point"))
        #expect(scanError(#"{"a":1.e5}"#) == JSONSyntaxError(offset: 7, message: "expected digit after decimal point"))
        #expect(scanError(#"{"a":1e}"#) == JSONSyntaxError(offset: 7, message: "expected digit in exponent"))
        #expect(scanError(#"{"a":1e+}"#) == JSONSyntaxError(offset: 8, message: "expected digit in exponent"))
        #expect(scanError(#"{"a":[1E-]}"#) == JSONSyntaxError(offset: 9, message: "expected digit in exponent"))
        #expect(
            scanError(#"{"a":0x10}"#) == JSONSyntaxError(offset: 6, message: "expected ',' or '}' after object member"))
        #expect(
            scanError(#"{"a":1.5.2}"#) == JSONSyntaxError(offset: 8, message: "expected ',' or '}' after object member")
        )
    }

    @Test func controlCharacterInString() {
        #expect(
            scanError("{\"a\":\"x\ty\"}")
                == JSONSyntaxError(offset: 7, message: "unescaped control character in string"))
        #expect(
            scanError("{\"a\":\"x\ny\"}")
                == JSONSyntaxError(offset: 7, message: "unescaped control character in string"))
        #expect(
            scanError("{\"a\u{0}\":1}") == JSONSyntaxError(offset: 3, message: "unescaped control character in string"))
        // DEL is not a control character for JSON.
        #expect(scanError("{\"a\":\"\u{7F}\"}") == nil)
    }

    @Test func badLiterals() {
        #expect(scanError(#"{"a":tru}"#) == JSONSyntaxError(offset: 5, message: "invalid literal"))
        #expect(scanError(#"{"a":tru"#) == JSONSyntaxError(offset: 5, message: "invalid literal"))
        #expect(scanError(#"{"a":True}"#) == JSONSyntaxError(offset: 5, message: "expected a JSON value"))
        #expect(scanError(#"{"a":[fals]}"#) == JSONSyntaxError(offset: 6, message: "invalid literal"))
        #expect(scanError(#"{"a":nul}"#) == JSONSyntaxError(offset: 5, message: "invalid literal"))
        #expect(
            scanError(#"{"a":nulll}"#) == JSONSyntaxError(offset: 9, message: "expected ',' or '}' after object member")
        )
        #expect(
            scanError(#"{"a":truex}"#) == JSONSyntaxError(offset: 9, message: "expected ',' or '}' after object member")
        )
    }

    @Test func deepNesting() {
        let arrays = "{\"a\":" + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}"
        // The 513th level is the 512th '[', at offset 5 + 511.
        #expect(scanError(arrays) == JSONSyntaxError(offset: 516, message: "nesting too deep"))
        let objects = "{\"a\":" + String(repeating: "{\"b\":", count: 600) + "1" + String(repeating: "}", count: 601)
        #expect(scanError(objects) == JSONSyntaxError(offset: 5 + 511 * 5, message: "nesting too deep"))
        let justOver = "{\"a\":" + String(repeating: "[", count: 512) + String(repeating: "]", count: 512) + "}"
        #expect(scanError(justOver)?.message == "nesting too deep")
    }

    @Test func errorDescription() {
        let error = JSONSyntaxError(offset: 4, message: "expected ':' after object key")
        #expect(error.description == "expected ':' after object key at byte 5")
        #expect("\(error)" == "expected ':' after object key at byte 5")
    }

    @Test func unsafeBufferOverload() throws {
        let bytes = Array(#"xx{"a":[1]}yy"#.utf8)
        let members = try bytes.withUnsafeBufferPointer { buffer in
            try JSONObjectScanner.members(of: UnsafeBufferPointer(rebasing: buffer[2..<11]))
        }
        #expect(members == [JSONMember(key: "a", valueRange: 5..<8, kind: .array)])
    }
}
