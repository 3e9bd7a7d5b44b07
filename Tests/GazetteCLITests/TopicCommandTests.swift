import Foundation
import GazetteTestSupport
import Testing

/// `gazette train topics`, `gazette eval topics` and the annotate options `--topic-model`, `--topics`, `--explain`,
/// on a tiny labelled set written here.
@Suite("gazette train/eval topics", .serialized)
struct TopicCommandTests {
    static let sport = ["The striker scored twice as the team won the match", "The goalkeeper saved a penalty in the cup final",
                        "The coach praised the team after the league win", "The club signed a new striker",
                        "Fans cheered as the team lifted the cup", "The midfielder scored a late goal in the match"]
    static let science = ["Astronomers found a planet orbiting a distant star", "The telescope captured a new galaxy",
                          "Researchers sequenced the genome of a plant", "Physicists measured the mass of the particle",
                          "The space probe sent data from the planet", "Biologists discovered a new species of frog"]

    static func data(sportLabel: String = "SPORTS", scienceLabel: String = "SCIENCE") -> String {
        (sport.map { (#"{"text": "\#($0)", "label": "\#(sportLabel)"}"#) } + science.map { (#"{"text": "\#($0)", "label": "\#(scienceLabel)"}"#) })
            .joined(separator: "\n") + "\n"
    }

    static let map = #"{"taxonomy": ["science", "sport"], "news": {"SPORTS": "sport", "SCIENCE": "science"}}"#

    func train(_ folder: TemporaryFolder, _ extra: [String] = []) throws -> (CommandRunner.Result, String) {
        let data = try folder.write("data.jsonl", Self.data())
        let map = try folder.write("map.json", Self.map)
        let model = folder.url.appendingPathComponent("mine.topicmodel").path
        let result = try CommandRunner.run(["train", "topics", "--data", data, "--label-map", map, "--validation", "0.34", "--buckets", "12",
                                            "--min-df", "1", "--min-pair-df", "1", "--l2", "0.001", "--output", model] + extra)
        return (result, model)
    }

    @Test func trainWritesAModelThatAnnotateAndEvalUse() throws {
        let folder = try TemporaryFolder()
        let (trained, model) = try train(folder, ["--save-split", folder.url.appendingPathComponent("split").path])
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stdout.contains("trained mine/1 on 8 documents, 2 labels"))
        #expect(trained.stdout.contains("validation") && trained.stdout.contains("threshold:"))
        let split = try String(contentsOf: folder.url.appendingPathComponent("split/validation-1.jsonl"), encoding: .utf8)
        #expect(split.split(separator: "\n").count == 4 && split.contains(#""label":"sport""#))

        let annotated = try CommandRunner.run(["--topic-model", model, "--explain", "--input", "lines"], stdin: "The team won the cup match\n")
        #expect(annotated.status == 0, "\(annotated.stderr)")
        let record = try #require(try annotated.objects().first)
        #expect(record["topic_model"] as? String == "mine/1")
        let topics = try #require(record["topics"] as? [[String: Any]])
        #expect(topics.first?["label"] as? String == "sport")
        let evidence = try #require(topics.first?["evidence"] as? [[String: Any]])
        #expect(!evidence.isEmpty && evidence.allSatisfy { $0["feature"] is String && ($0["weight"] as? Double ?? 0) > 0 })

        let capped = try CommandRunner.run(["--topic-model", model, "--topics", "0", "--input", "lines"], stdin: "The team won\n")
        #expect((try capped.objects().first?["topics"] as? [Any])?.isEmpty == true)

        let eval = try CommandRunner.run(["eval", "topics", "--topic-model", model, "--data", folder.url.appendingPathComponent("data.jsonl").path,
                                          "--label-map", folder.url.appendingPathComponent("map.json").path, "--jobs", "1"])
        #expect(eval.status == 0, "\(eval.stderr)")
        #expect(eval.stdout.hasPrefix("model mine/1\ndocuments 12   accuracy "))
        let accuracy = eval.stdout.split(separator: "\n")[1].split(separator: " ", omittingEmptySubsequences: true)[3]
        #expect(Double(accuracy)! >= 0.75)  // 8 training documents; the held-out third may miss one or two
        #expect(eval.stdout.contains("label    precision  recall     F1  support\nscience "))
        #expect(eval.stdout.contains("        6\nsport "))
        #expect(eval.stdout.contains("confusion (rows: gold, columns: predicted)\n        scienc  sport\n"))
        #expect(eval.stdout.contains("topic scoring alone"))
    }

    @Test func trainingIsReproducible() throws {
        let folder = try TemporaryFolder()
        let (first, model) = try train(folder)
        #expect(first.status == 0, "\(first.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: model))
        let (second, _) = try train(folder)
        #expect(second.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == bytes)
    }

    @Test func evalWithoutAMapNamesTheUnknownLabel() throws {
        let folder = try TemporaryFolder()
        let (trained, model) = try train(folder)
        #expect(trained.status == 0)
        let other = try folder.write("other.jsonl", Self.data(sportLabel: "football"))
        let result = try CommandRunner.run(["eval", "topics", "--topic-model", model, "--data", other])
        #expect(result.status != 0)
        #expect(result.stderr.contains("other.jsonl line 1: label 'football' is not one of the model's labels"))
        let skipped = try CommandRunner.run(["eval", "topics", "--topic-model", model, "--data", other, "--skip-unknown",
                                             "--label-map", folder.url.appendingPathComponent("map.json").path])
        #expect(skipped.stdout.contains("skipped 6 document(s)"))
    }

    @Test func trainingOnTooFewDocumentsWarnsWithTheNumbers() throws {
        let folder = try TemporaryFolder()
        let (trained, _) = try train(folder)
        #expect(trained.status == 0, "\(trained.stderr)")
        // 6 documents a label, a third held out: 4 to train on and 2 to validate, each.
        #expect(trained.stderr.contains("warning: too few training documents to learn from (fewer than 20 for 'science' 4, 'sport' 4)"))
        #expect(trained.stderr.contains("warning: only 4 validation document(s) (fewer than 50)"))
    }

    @Test func anUnwritableOutputFailsBeforeTrainingNamingThePath() throws {
        let folder = try TemporaryFolder()
        let data = try folder.write("data.jsonl", Self.data())
        let map = try folder.write("map.json", Self.map)
        for output in [folder.file("missing/folder/mine.topicmodel"), folder.path] {
            let result = try CommandRunner.run(["train", "topics", "--data", data, "--label-map", map, "--output", output])
            #expect(result.status != 0)
            #expect(result.stderr.contains("GZ402: cannot write \(output)"), "\(result.stderr)")
            #expect(!result.stderr.contains("NSCocoaErrorDomain"))
            #expect(result.stdout.isEmpty, "nothing was trained")
        }
    }

    @Test func evalOnAnEmptyFileIsAnError() throws {
        let folder = try TemporaryFolder()
        let (_, model) = try train(folder)
        let empty = try folder.write("empty.jsonl", "\n\n")
        let result = try CommandRunner.run(["eval", "topics", "--topic-model", model, "--data", empty])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(empty): no labelled documents to evaluate"))
        #expect(!result.stdout.contains("accuracy"))
        // Every document skipped is no evaluation either.
        let other = try folder.write("other.jsonl", Self.data(sportLabel: "football", scienceLabel: "astronomy"))
        let skipped = try CommandRunner.run(["eval", "topics", "--topic-model", model, "--data", other, "--skip-unknown"])
        #expect(skipped.status != 0 && skipped.stderr.contains("none of its 12 documents has a label the model has"))
    }

    @Test func labelMapMessagesNameTheLabelThatIsMissing() throws {
        let folder = try TemporaryFolder()
        let (_, model) = try train(folder)
        // 'sport' is one of the model's labels, but this map does not cover it: the map is at fault, not the model.
        let data = try folder.write("plain.jsonl", Self.data(sportLabel: "sport", scienceLabel: "science"))
        let narrow = try folder.write("narrow.json", #"{"taxonomy": ["science", "world"], "news": {"SCIENCE": "science"}}"#)
        let unmapped = try CommandRunner.run(["eval", "topics", "--topic-model", model, "--data", data, "--label-map", narrow])
        #expect(unmapped.status != 0)
        #expect(unmapped.stderr.contains("label 'sport' is not in the label map"), "\(unmapped.stderr)")
        // A label mapped to one the model lacks: the message names the mapped label.
        let elsewhere = try folder.write("elsewhere.json", #"{"news": {"SPORTS": "athletics", "SCIENCE": "science"}}"#)
        let mapped = try CommandRunner.run(["eval", "topics", "--topic-model", model, "--data", folder.file("data.jsonl"), "--label-map", elsewhere])
        #expect(mapped.status != 0)
        #expect(mapped.stderr.contains("label 'SPORTS' maps to 'athletics', which is not one of the model's labels"), "\(mapped.stderr)")
    }

    @Test func aCorruptModelFailsAtStartNamingTheFile() throws {
        let folder = try TemporaryFolder()
        let bad = try folder.write("bad.topicmodel", "GZTOPIC\nnot really a model at all, just text")
        let result = try CommandRunner.run(["--topic-model", bad, "--input", "lines"], stdin: "Hello\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("GZ202") && result.stderr.contains(bad))
        let missing = try CommandRunner.run(["--topic-model", folder.url.appendingPathComponent("none.topicmodel").path], stdin: "Hello")
        #expect(missing.status == 2 && missing.stderr.contains("GZ201"))
    }
}
