import ArgumentParser
import GazetteWeb

/// How the commands that read documents find their text: `--text-field` (JSON Lines) and `--html` (web pages).
struct InputOptions: ParsableArguments {
    @Option(name: .customLong("text-field"), help: ArgumentHelp("The JSON field that holds the text (JSON Lines input); a nested one as a path, article.body; a key with a dot in it as meta\\.text.", valueName: "field"))
    var textField = "text"

    @Option(help: ArgumentHelp("What to annotate of a web page: article (its main content) or whole (all its visible text).", valueName: "article|whole"))
    var html: HTMLMode = .article

    /// What `--html` can say.
    enum HTMLMode: String, ExpressibleByArgument, CaseIterable {
        case article, whole

        var extractorMode: ArticleExtractor.Mode { self == .article ? .article : .whole }
    }

    func validate() throws {
        guard !textField.isEmpty else { throw ValidationError("--text-field must not be empty") }
    }

    /// What turns web pages and text files into documents, as `--html` says.
    var documents: WebDocumentBuilder { WebDocumentBuilder(mode: html.extractorMode) }
}
