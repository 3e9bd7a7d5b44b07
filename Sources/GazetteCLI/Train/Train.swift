import ArgumentParser

/// `gazette train …`: learn models from labelled data.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train Gazette's models on labelled data.",
        subcommands: [TrainNER.self, TrainTopics.self]
    )
}
