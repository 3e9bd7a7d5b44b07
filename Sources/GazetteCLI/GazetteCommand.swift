import ArgumentParser

@main
struct GazetteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazette",
        abstract: "Find the people, places, organisations and topics in English news text; write JSON Lines.",
        discussion: """
        With no subcommand, gazette annotates: it reads standard input (or FILEs) and writes one \
        gazette.doc/1 JSON object per document to standard output. `gazette help annotate` lists its options.

        \(Annotate.examples)
        """,
        version: "0.1.0",
        subcommands: [Annotate.self, Batch.self, Export.self, Render.self, Eval.self, Train.self, GazetteerCommand.self, Bench.self],
        defaultSubcommand: Annotate.self
    )
}
