import ArgumentParser

/// `gazette eval …`: measure the pipeline against labelled data.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate Gazette on labelled data.",
        subcommands: [EvalNER.self, EvalTopics.self, EvalExtract.self]
    )
}
