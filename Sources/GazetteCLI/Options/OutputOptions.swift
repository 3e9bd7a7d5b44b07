import ArgumentParser
import Gazette

extension OffsetUnit: ExpressibleByArgument {}

/// How records are written: `--offsets`.
struct OutputOptions: ParsableArguments {
    @Option(help: "Unit of output offsets: codepoint, utf16 or utf8.")
    var offsets: OffsetUnit = .codepoint

    /// The writer for records annotated by `pipeline`.
    func writer(for pipeline: Pipeline) -> JSONLWriter {
        JSONLWriter(offsets: offsets, stamp: pipeline.stamp)
    }
}
