import Foundation

/// One progress line on standard error; silent unless `enabled` (standard error is a terminal, or `--progress`).
/// On a terminal the line is rewritten in place ("\r" and an erase-to-end-of-line escape); anywhere else (a log file,
/// a pipe) each update is a plain line of its own, at most one every `logInterval` seconds, with no terminal escapes.
/// Shared by `batch` and `train`; safe to call from any thread.
final class ProgressLine: @unchecked Sendable {
    let enabled: Bool
    /// Whether standard error is a terminal: updates rewrite one line.
    let terminal: Bool
    /// Seconds between lines written when standard error is not a terminal.
    let logInterval: Double
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private var shown = false
    private var lastLogged: UInt64?

    /// A progress line on standard error; `write` replaces standard error in tests.
    init(enabled: Bool, terminal: Bool = standardErrorIsTerminal, logInterval: Double = 10,
         write: @escaping @Sendable (String) -> Void = printErrorRaw) {
        self.enabled = enabled
        self.terminal = terminal
        self.logInterval = logInterval
        self.write = write
    }

    /// Replaces the line with `text` (on a terminal), or writes it as a line of its own (elsewhere, the first update
    /// and then at most one every `logInterval` seconds).
    func show(_ text: String) {
        guard enabled else { return }
        lock.withLock {
            if terminal {
                shown = true
                write("\r" + text + "\u{1B}[K")
                return
            }
            let now = DispatchTime.now().uptimeNanoseconds
            if let lastLogged, Double(now - lastLogged) / 1e9 < logInterval { return }
            lastLogged = now
            write(text + "\n")
        }
    }

    /// Removes the line (before a summary); nothing to remove when standard error is not a terminal.
    func clear() {
        lock.withLock {
            if shown { write("\r\u{1B}[K") }
            shown = false
        }
    }
}

/// Writes text to standard error without a newline.
@Sendable func printErrorRaw(_ message: String) {
    let bytes = Array(message.utf8)
    _ = bytes.withUnsafeBufferPointer { Foundation.write(2, $0.baseAddress, $0.count) }
}
