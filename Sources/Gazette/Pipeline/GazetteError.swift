/// An error with a stable code. Codes never change meaning; messages may be reworded.
public struct GazetteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable error and warning codes, as written in output records (`"error":{"code":"GZ101",...}`).
    public enum Code: String, Sendable, Hashable, CaseIterable {
        // Input records
        /// A JSON Lines record is not a JSON object.
        case malformedJSON = "GZ101"
        /// A JSON Lines record has no text field.
        case missingText = "GZ102"
        /// A JSON Lines record's text field is not a string.
        case textNotString = "GZ103"
        /// Invalid UTF-8 was replaced with U+FFFD (a warning).
        case invalidUTF8 = "GZ104"
        /// An input file could not be read.
        case unreadableInput = "GZ105"
        /// A CoNLL file has a malformed line.
        case malformedCoNLL = "GZ106"
        /// A document's bytes are not usable text: binary content, an unknown charset, HTML or a content encoding
        /// that cannot be decoded.
        case unusableContent = "GZ107"
        /// A document is larger than the limit (`--max-document-bytes`).
        case documentTooLarge = "GZ108"
        /// A document has no text at all.
        case emptyDocument = "GZ109"
        /// A document's language was reliably identified as one not annotated (`--languages`, English by default):
        /// entities and topics were skipped (a warning).
        case otherLanguage = "GZ110"
        // Resources and set-up
        /// A gazetteer, word list or model file is missing.
        case resourceMissing = "GZ201"
        /// A gazetteer, word list or model file is malformed.
        case resourceMalformed = "GZ202"
        /// A stage needs a layer that no earlier stage provides.
        case pipelineOrder = "GZ203"
        // Processing
        /// ICU reported an error.
        case icuFailure = "GZ301"
        /// A stage failed on a document.
        case stageFailure = "GZ302"
        // Batch runs (`gazette batch`, `BatchRunner`): the run cannot start or go on
        /// An input path does not exist.
        case inputMissing = "GZ401"
        /// The output folder cannot be created, read or written.
        case outputUnusable = "GZ402"
        /// The output folder holds another batch (other inputs or settings), or files that are not a batch.
        case otherBatchInOutput = "GZ403"
        /// Another run is writing to the output folder.
        case outputLocked = "GZ404"
        /// The output folder's manifest is damaged beyond its last line.
        case manifestDamaged = "GZ405"
        /// The same input is named twice (also by two paths, or a file inside a folder also named): its documents
        /// would be written twice.
        case duplicateInput = "GZ406"
    }

    /// What went wrong, as a stable code: the `code` of an output record's `error`.
    public var code: Code
    /// What went wrong in words, naming the file, line or field concerned; the wording may change between versions.
    public var message: String

    /// An error with a stable code and a message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The code and the message, as in `GZ201: cannot read …`.
    public var description: String { "\(code.rawValue): \(message)" }
}
