/// Why a batch could not start or go on. (Problems with single documents become error records instead, with a
/// `GazetteError` code.)
public struct BatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable codes of batch errors, next to `GazetteError.Code`'s. Codes never change meaning; messages may be
    /// reworded.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// An input path does not exist.
        case inputMissing = "GZ401"
        /// The output folder cannot be created, read or written.
        case output = "GZ402"
        /// The output folder holds another batch (other inputs or settings).
        case differentBatch = "GZ403"
        /// Another run is writing to the output folder.
        case locked = "GZ404"
        /// The output folder's manifest is damaged beyond its last line.
        case damagedManifest = "GZ405"
    }

    /// What went wrong, as a stable code.
    public var code: Code
    /// What went wrong, for people: names the file or folder.
    public var message: String

    /// An error with `code`, described by `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The code and the message, as `GazetteError` writes them: `GZ403: out holds another batch ...`.
    public var description: String { "\(code.rawValue): \(message)" }
}
