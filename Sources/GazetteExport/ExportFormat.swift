/// The formats `gazette export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// CoNLL columns with IOB2 tags (`CoNLLExport`).
    case conll
    /// brat standoff, a `.txt` and an `.ann` file per document (`BratExport`).
    case brat
    /// spaCy's `Doc.to_json`, one document per line (`SpacyExport`).
    case spacy
    /// Label Studio tasks with pre-annotations, a JSON array (`LabelStudioExport`).
    case labelStudio = "label-studio"

    /// Whether every document goes into one stream (standard output or one file), rather than files of its own.
    public var isStream: Bool { self != .brat }

    /// The stream's file name in an output folder.
    public var streamFileName: String {
        switch self {
        case .conll: "gazette.conll"
        case .spacy: "gazette.spacy.jsonl"
        case .labelStudio: "tasks.json"
        case .brat: ""
        }
    }

    /// What the stream starts with, separates documents with, and ends with: Label Studio's tasks are a JSON array.
    public var streamFraming: (opening: String, separator: String, closing: String) {
        self == .labelStudio ? ("[\n", ",\n", "\n]\n") : ("", "", "")
    }
}
