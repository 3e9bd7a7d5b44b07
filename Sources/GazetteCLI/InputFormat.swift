import ArgumentParser

/// How the filter splits its input into documents.
enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    /// JSON Lines if the first non-blank character is "{", else plain text.
    case auto
    /// The whole input (each FILE) is one document.
    case text
    /// Each line is one document.
    case lines
    /// Each line is one JSON object with a text field.
    case jsonl

    static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
