import Testing
@testable import GazetteCLI

/// The option groups shared by the filter, `batch`, `eval` and `train`: one declaration each, parsed alike.
@Suite("Option groups")
struct OptionGroupTests {
    @Test func batchTakesTheFiltersAnnotationOptions() throws {
        let options = ["--topics", "0", "--explain", "--gazetteer", "a.tsv", "--gazetteer", "b.jsonl", "--topic-model", "m.topicmodel",
                       "--entity-model", "none", "--resources", "res", "--text-field", "body", "--offsets", "utf16"]
        let filter = try Annotate.parse(options)
        let batch = try Batch.parse(["in.tar", "-o", "out"] + options)
        for (annotation, input, output) in [(filter.annotationOptions, filter.inputOptions, filter.outputOptions),
                                            (batch.annotationOptions, batch.inputOptions, batch.outputOptions)] {
            #expect(annotation.topics == 0 && annotation.explain)
            #expect(annotation.resourceOptions.gazetteers == ["a.tsv", "b.jsonl"] && annotation.resourceOptions.resources == "res")
            #expect(annotation.topicModel == "m.topicmodel" && annotation.entityModelOptions.entityModel == "none")
            #expect(input.textField == "body" && output.offsets == .utf16)
        }
    }

    @Test func defaultsAreKept() throws {
        let filter = try Annotate.parse([])
        #expect(filter.annotationOptions.topics == 3 && !filter.annotationOptions.explain)
        #expect(filter.annotationOptions.resourceOptions.gazetteers.isEmpty && filter.annotationOptions.resourceOptions.resources == nil)
        #expect(filter.inputOptions.textField == "text" && filter.outputOptions.offsets == .codepoint)
        let eval = try EvalNER.parse(["--conll", "x.conll", "--entity-model", "none"])
        #expect(eval.entityModelOptions.entityModel == "none" && eval.resourceOptions.resources == nil)
    }

    @Test func theGroupsValidateForEveryCommand() {
        #expect(throws: (any Error).self) { try Batch.parse(["in", "-o", "out", "--topics", "-1"]) }
        #expect(throws: (any Error).self) { try Annotate.parse(["--text-field", ""]) }
        #expect(throws: (any Error).self) { try TrainTopics.parse(["--data", "d.jsonl", "--output", "m", "--text-field", ""]) }
    }

    @Test func trainingAndGazetteerCommandsShareTheResourceOptions() throws {
        let train = try TrainNER.parse(["--conll", "a", "--output", "m", "--resources", "res", "--gazetteer", "x.tsv"])
        #expect(train.resourceOptions.resources == "res" && train.resourceOptions.gazetteers == ["x.tsv"])
        let lookup = try GazetteerLookupCommand.parse(["Paris", "--resources", "res", "--no-cache"])
        #expect(lookup.options.resourceOptions.resources == "res" && lookup.options.noCache)
    }
}
