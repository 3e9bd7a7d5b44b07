import ArgumentParser
import Gazette

/// Which entity model the resolver uses: `--entity-model`.
struct EntityModelOptions: ParsableArguments {
    @Option(name: .customLong("entity-model"), help: ArgumentHelp("An entity model file to use instead of the shipped one, or 'none' for greedy resolution.", valueName: "file"))
    var entityModel: String?

    /// `options` with this choice of entity model.
    func applied(to options: PipelineOptions) -> PipelineOptions {
        var options = options
        if let entityModel { options.entityModel = entityModel == "none" ? .none : .file(entityModel) }
        return options
    }
}
