import Foundation
import Testing
@testable import GazetteCLI

@Suite("String formatting")
struct StringFormattingTests {
    @Test func cFormatMatchesFoundationsFormat() {
        let pairs = [
            (String(cFormat: "%.1f", 2.25), String(format: "%.1f", 2.25)),
            (String(cFormat: "%.3f s", 0.0004), String(format: "%.3f s", 0.0004)),
            (String(cFormat: "%d:%02d:%02d", 3, 7, 5), String(format: "%d:%02d:%02d", 3, 7, 5)),
            (String(cFormat: "%.1f%%", 99.95), String(format: "%.1f%%", 99.95)),
            (String(cFormat: "%8.1f %8.1f", 1234.56, -0.05), String(format: "%8.1f %8.1f", 1234.56, -0.05)),
            (String(cFormat: "%.0f docs/s", 1e9), String(format: "%.0f docs/s", 1e9)),
            (String(cFormat: "plain"), String(format: "plain")),
        ]
        for (ours, foundations) in pairs { #expect(ours == foundations) }
        #expect(String(cFormat: "%d:%02d", 4, 9) == "4:09")
    }

    @Test func rightPaddedPadsOrCuts() {
        #expect("ab".rightPadded(4) == "ab  ")
        #expect("abcdef".rightPadded(4) == "abcd")
        #expect("abcdef".rightPadded(4) == "abcdef".padding(toLength: 4, withPad: " ", startingAt: 0))
    }

    @Test(arguments: ["a/b/c.txt", "c.txt", "/c.txt", "a/b/", "/", "", "a//b"])
    func lastPathComponentMatchesNSString(path: String) {
        #expect(path.lastPathComponent == (path as NSString).lastPathComponent)
    }
}
