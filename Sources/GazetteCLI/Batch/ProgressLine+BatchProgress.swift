#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GazetteBatch

extension ProgressLine {
    /// Shows a batch's progress: documents, MB of input files read (as stored, compressed or not: what the ETA is
    /// reckoned in), rates (MB/s counts the documents' decompressed bytes), ETA when the total is known, errors so far.
    func show(_ progress: BatchProgress) {
        let seconds = max(progress.seconds, 0.001)
        let megabytes = Double(progress.inputBytes) / 1e6
        var text = "\(progress.documents) docs  "
        if progress.totalInputBytes > 0 {
            text += String(cFormat: "%.1f/%.1f MB of input read", megabytes, Double(progress.totalInputBytes) / 1e6)
        } else {
            text += String(cFormat: "%.1f MB of input read", megabytes)
        }
        text += String(cFormat: "  %.0f docs/s  %.1f MB/s of documents", Double(progress.documents) / seconds,
                       Double(progress.documentBytes) / 1e6 / seconds)
        if progress.totalInputBytes > 0, progress.inputBytes > 0, progress.inputBytes < progress.totalInputBytes {
            let remaining = Double(progress.totalInputBytes - progress.inputBytes) / (Double(progress.inputBytes) / seconds)
            text += "  ETA " + Self.clock(remaining)
        }
        text += "  \(progress.failed) errors"
        show(text)
    }

    /// `seconds` as m:ss or h:mm:ss.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(cFormat: "%d:%02d:%02d", hours, minutes, rest) : String(cFormat: "%d:%02d", minutes, rest)
    }
}
