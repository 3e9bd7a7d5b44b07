import Foundation

/// One progress line on standard error, rewritten in place; silent when standard error is not a terminal.
final class TerminalProgress: @unchecked Sendable {
    let enabled: Bool
    private let lock = NSLock()
    private var shown = false

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func show(_ text: String) {
        guard enabled else { return }
        lock.withLock {
            shown = true
            FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))
        }
    }

    func clear() {
        lock.withLock {
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            shown = false
        }
    }
}
