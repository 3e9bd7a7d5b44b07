import Foundation

/// One progress line on standard error, rewritten in place; silent unless `enabled` (standard error is a terminal,
/// or `--progress`). Shared by `batch` and `train`; safe to call from any thread.
final class ProgressLine: @unchecked Sendable {
    let enabled: Bool
    private let lock = NSLock()
    private var shown = false

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Replaces the line with `text`.
    func show(_ text: String) {
        guard enabled else { return }
        lock.withLock {
            shown = true
            printErrorRaw("\r" + text + "\u{1B}[K")
        }
    }

    /// Removes the line (before a summary).
    func clear() {
        lock.withLock {
            if shown { printErrorRaw("\r\u{1B}[K") }
            shown = false
        }
    }
}

/// Writes text to standard error without a newline.
func printErrorRaw(_ message: String) {
    let bytes = Array(message.utf8)
    _ = bytes.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
}
