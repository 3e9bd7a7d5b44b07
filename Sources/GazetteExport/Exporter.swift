import Gazette

/// Turns `gazette.doc/1` records into one export format. Pure: it reads no files and writes none; the command line
/// (or an embedder) reads the records and writes what it returns.
public struct Exporter: Sendable {
    /// The format written.
    public let format: ExportFormat
    /// The segmenter that makes Gazette's tokens again for the formats that count in tokens; its sentences are used
    /// only for records that carry none.
    public let segmenter: Segmenter
    /// Label Studio's `model_version` for records without a `gazette` stamp.
    public var defaultModelVersion = "gazette"

    /// An exporter to `format` whose tokens come from `segmenter` (normally `Segmenter.standard`, the pipeline's).
    public init(format: ExportFormat, segmenter: Segmenter) {
        self.format = format
        self.segmenter = segmenter
    }

    /// One record in the format: for a stream format its piece of the stream, for brat its two files.
    public func export(_ record: ExportRecord) throws(GazetteError) -> ExportedDocument {
        switch format {
        case .conll:
            let tokenized = try TokenizedRecord(record, segmenter: segmenter)
            return ExportedDocument(record: record, files: [("conll", CoNLLExport.document(tokenized))], issues: tokenized.issues)
        case .spacy:
            let tokenized = try TokenizedRecord(record, segmenter: segmenter)
            return ExportedDocument(record: record, files: [("jsonl", SpacyExport.document(tokenized))], issues: tokenized.issues)
        case .labelStudio:
            let task = LabelStudioExport.task(record, modelVersion: record.stamp ?? defaultModelVersion)
            return ExportedDocument(record: record, files: [("json", task)], issues: [])
        case .brat:
            let (text, annotations) = BratExport.files(record)
            return ExportedDocument(record: record, files: [("txt", text), ("ann", annotations)], issues: [])
        }
    }
}

/// One record exported.
public struct ExportedDocument: Sendable {
    /// The record.
    public var record: ExportRecord
    /// The document's files by extension, in the order to write them; a stream format has one, its piece of the
    /// stream.
    public var files: [(fileExtension: String, bytes: [UInt8])]
    /// What could not be written as the record says (each also left out or adjusted, as it says).
    public var issues: [ExportIssue]
}
