/// Why a batch could not start or go on. (Problems with single documents become error records instead.)
public struct BatchError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// An input path does not exist.
        case inputMissing
        /// The output folder cannot be created, read or written.
        case output
        /// The output folder holds another batch (other inputs or settings).
        case differentBatch
        /// Another run is writing to the output folder.
        case locked
        /// The output folder's manifest is damaged beyond its last line.
        case damagedManifest
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
