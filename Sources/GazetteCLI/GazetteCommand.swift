import ArgumentParser

/// The `gazette` command. Every command names itself (`commandName:`): ArgumentParser would otherwise derive each
/// name from the type's name through the runtime's reflection, for every subcommand at every start.
@main
struct GazetteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazette",
        abstract: "Find the people, places, organisations and topics in English news text; write JSON Lines.",
        discussion: """
        With no subcommand, gazette annotates: it reads standard input (or FILEs) and writes one \
        gazette.doc/1 JSON object per document to standard output. Its options follow the subcommands below.

        \(Annotate.examples)
        """,
        version: "0.1.0",
        subcommands: [Annotate.self, Batch.self, Export.self, Render.self, Eval.self, Train.self, GazetteerCommand.self, Bench.self],
        defaultSubcommand: Annotate.self
    )

    /// Runs the command line; `gazette --help` also lists the options of the default command (annotate), which
    /// is how most people run gazette.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--help"] || arguments == ["-h"] {
            print(helpWithAnnotateOptions())
            return
        }
        main(nil)
    }

    /// The root help (overview, subcommands) followed by the arguments and options of `annotate`.
    static func helpWithAnnotateOptions(columns: Int? = nil) -> String {
        let root = helpMessage(columns: columns)
        let annotate = helpMessage(for: Annotate.self, columns: columns)
        guard let start = annotate.firstRange(of: "ARGUMENTS:") ?? annotate.firstRange(of: "OPTIONS:") else { return root }
        return root.trimmingSuffixNewlines() + "\n\nWITHOUT A SUBCOMMAND (annotate): gazette [<options>] [<files> ...]\n\n"
            + annotate[start.lowerBound...]
    }
}

private extension String {
    func trimmingSuffixNewlines() -> String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
