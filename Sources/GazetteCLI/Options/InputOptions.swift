import ArgumentParser

/// How the commands that read JSON find a document's text: `--text-field`.
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("text-field"), help: "The JSON field that holds the text (JSON Lines input).")
    var textField = "text"

    func validate() throws {
        guard !textField.isEmpty else { throw ValidationError("--text-field must not be empty") }
    }
}
