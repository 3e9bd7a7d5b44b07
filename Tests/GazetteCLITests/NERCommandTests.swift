import Foundation
import GazetteTestSupport
import Testing

/// `gazette train ner` and `gazette eval ner` on inputs that cannot give a meaningful model or table: no documents,
/// too few, an output that cannot be written.
@Suite("gazette train/eval ner: bad data and output", .serialized)
struct NERCommandTests {
    /// Two small documents of CoNLL (IOB2), written here.
    static let conll = """
        -DOCSTART- -X- O O

        Maria\tNNP\tB-PER
        Lopez\tNNP\tI-PER
        visited\tVBD\tO
        Lima\tNNP\tB-LOC
        .\t.\tO

        -DOCSTART- -X- O O

        The\tDT\tO
        Andean\tNNP\tB-ORG
        Trade\tNNP\tI-ORG
        Council\tNNP\tI-ORG
        met\tVBD\tO
        .\t.\tO

        """

    @Test func evalOnAFileWithoutDocumentsIsAnError() throws {
        let folder = try TemporaryFolder()
        for (name, contents) in [("empty.conll", ""), ("blank.conll", "\n\n-DOCSTART- -X- O O\n\n")] {
            let path = try folder.write(name, contents)
            let result = try CommandRunner.run(["eval", "ner", "--conll", path])
            #expect(result.status != 0, "\(name): \(result.stdout)")
            #expect(result.stderr.contains("\(path): no documents to evaluate"))
            #expect(!result.stdout.contains("precision"))
        }
    }

    @Test func trainingOnAFileWithoutDocumentsIsAnError() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("empty.conll", "")
        let model = folder.file("empty.nermodel")
        let result = try CommandRunner.run(["train", "ner", "--conll", path, "--output", model])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no documents to train on"))
        #expect(!FileManager.default.fileExists(atPath: model))
    }

    @Test func anUnwritableOutputFailsBeforeTrainingNamingThePath() throws {
        let folder = try TemporaryFolder()
        let data = try folder.write("tiny.conll", Self.conll)
        let missingFolder = folder.file("no/such/folder/model.nermodel")
        let result = try CommandRunner.run(["train", "ner", "--conll", data, "--output", missingFolder, "--epochs", "1"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("GZ402") && result.stderr.contains("cannot write \(missingFolder)"))
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
        #expect(result.stdout.isEmpty, "nothing was trained")
        let aFolder = try CommandRunner.run(["train", "ner", "--conll", data, "--output", folder.path, "--epochs", "1"])
        #expect(aFolder.status != 0 && aFolder.stderr.contains("it is a folder"))
    }

    @Test func trainingOnTooFewDocumentsWarnsWithTheNumbers() throws {
        let folder = try TemporaryFolder()
        let data = try folder.write("tiny.conll", Self.conll)
        let model = folder.file("tiny.nermodel")
        let result = try CommandRunner.run(["train", "ner", "--conll", data, "--output", model, "--epochs", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: only 2 training document(s) (fewer than 20)"))
        #expect(result.stderr.contains("held-out gold span(s) (fewer than 50)"))
        #expect(FileManager.default.fileExists(atPath: model))
    }
}
