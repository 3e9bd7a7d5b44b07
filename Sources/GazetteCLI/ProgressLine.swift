#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GazetteRuntime
#if canImport(Glibc)
import Glibc
#endif

/// One progress line on standard error, rewritten in place; silent unless `enabled` (standard error is a terminal,
/// or `--progress`). When standard error is not a terminal (a log file), it writes plain lines instead, no terminal
/// escapes, at most one every `logInterval` seconds. Shared by `batch` and `train`; safe to call from any thread.
final class ProgressLine: @unchecked Sendable {
    let enabled: Bool
    /// Whether the line is rewritten in place (a terminal) or written as lines of a log.
    let inPlace: Bool
    /// Seconds between two progress lines in a log.
    static let logInterval = 5.0
    private let lock = MonitorLock()
    private var shown = false
    private var lastLogged: Date?
    private let write: @Sendable (String) -> Void

    /// A progress line, rewritten in place when `terminal`, written by `write` (to standard error).
    init(enabled: Bool, terminal: Bool = standardErrorIsTerminal, write: @escaping @Sendable (String) -> Void = printErrorRaw) {
        self.enabled = enabled
        self.inPlace = terminal
        self.write = write
    }

    /// Replaces the line with `text`.
    func show(_ text: String) {
        guard enabled else { return }
        lock.withLock {
            if inPlace {
                shown = true
                write("\r" + text + "\u{1B}[K")
            } else if lastLogged.map({ Date().timeIntervalSince($0) >= Self.logInterval }) ?? true {
                lastLogged = Date()
                write(text + "\n")
            }
        }
    }

    /// Removes the line (before a summary).
    func clear() {
        lock.withLock {
            if shown { write("\r\u{1B}[K") }
            shown = false
        }
    }
}

/// Writes text to standard error without a newline.
func printErrorRaw(_ message: String) {
    let bytes = Array(message.utf8)
    _ = bytes.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
}
