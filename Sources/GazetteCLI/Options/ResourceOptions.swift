import ArgumentParser
import Gazette

/// Where the pipeline's resources come from: `--resources` and extra `--gazetteer` lists. Every command that builds
/// a pipeline takes these, and builds it with `pipeline(_:)`.
struct ResourceOptions: ParsableArguments {
    @Option(help: "Folder that holds Gazetteers/ and Models/ (default: found next to the program or via GAZETTE_RESOURCES).")
    var resources: String?

    @Option(name: .customLong("gazetteer"), help: ArgumentHelp("An extra gazetteer: a TSV list (name, label, id, aliases ...) or a spaCy EntityRuler JSONL pattern file; repeatable.", valueName: "file"))
    var gazetteers: [String] = []

    /// The resource folder: `--resources`, or the one found next to the program or via GAZETTE_RESOURCES.
    func directory() throws(GazetteError) -> ResourceDirectory {
        if let resources { return ResourceDirectory(root: resources) }
        return try ResourceDirectory.locate()
    }
}

extension ResourceOptions {
    /// The standard pipeline over these resources; `options` chooses the models (its gazetteers are replaced by
    /// `--gazetteer`). The one place the command line builds a pipeline.
    func pipeline(_ options: PipelineOptions = PipelineOptions()) throws(GazetteError) -> Pipeline {
        var options = options
        options.gazetteers = gazetteers
        return try Pipeline.standard(resources: resources.map { ResourceDirectory(root: $0) }, options: options)
    }
}
