import Foundation
import Testing
@testable import GazetteCLI

/// What `ProgressLine` writes: rewritten in place on a terminal, plain lines without escapes in a log.
@Suite("Progress line")
struct ProgressLineTests {
    /// Collects what a progress line writes.
    final class Written: @unchecked Sendable {
        private let lock = NSLock()
        private var parts: [String] = []
        func append(_ text: String) { lock.withLock { parts.append(text) } }
        var text: String { lock.withLock { parts.joined() } }
    }

    @Test func aLogGetsPlainLinesAndNoEscapes() {
        let written = Written()
        let line = ProgressLine(enabled: true, terminal: false, write: written.append)
        line.show("12 documents")
        line.show("13 documents")  // within the interval: not logged
        line.clear()
        #expect(written.text == "12 documents\n")
    }

    @Test func aTerminalGetsTheLineRewrittenInPlace() {
        let written = Written()
        let line = ProgressLine(enabled: true, terminal: true, write: written.append)
        line.show("1 document")
        line.show("2 documents")
        line.clear()
        #expect(written.text == "\r1 document\u{1B}[K\r2 documents\u{1B}[K\r\u{1B}[K")
    }

    @Test func aDisabledLineWritesNothing() {
        let written = Written()
        let line = ProgressLine(enabled: false, terminal: true, write: written.append)
        line.show("1 document")
        line.clear()
        #expect(written.text.isEmpty)
    }
}
