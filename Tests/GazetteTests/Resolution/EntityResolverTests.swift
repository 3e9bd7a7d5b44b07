import Foundation
import Testing
@testable import Gazette

/// The resolver with a user's lists: their entries pass through with their own label and source, and win over any
/// span of the model or the rules on the same tokens.
@Suite("Entity resolver: a user's entries")
struct EntityResolverTests {
    /// Writes `contents` to a fresh temporary file named `name` and returns its path.
    private func file(_ name: String, _ contents: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-user-labels-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func entities(_ text: String, lists: [String], model: Bool = true) throws -> [String] {
        var options = PipelineOptions()
        options.gazetteers = lists
        if !model { options.entityModel = .none }
        return try Pipeline.standard(options: options).annotate(text).entities.map { "\($0.text) \($0.label) \($0.source)" }
    }

    @Test func tsvLabelsPassThroughAndWin() throws {
        let list = try file("missions.tsv", """
        name\tlabel
        Tianwen Rover\tPRODUCT
        Orla Quenby Fenwick\tPERSON
        Harbourside Marathon\tEVENT
        Marrow Act\tLAW
        Lumen Tower\tFAC
        The Glass Orchard\tWORK_OF_ART
        Brightwater Fair\tFESTIVAL
        """)
        for model in [true, false] {
            let found = try entities("The Tianwen Rover reached the crater, Orla Quenby Fenwick said after the Harbourside Marathon.",
                                     lists: [list], model: model)
            #expect(found.contains("Tianwen Rover PRODUCT gazetteer:missions"), "\(found)")
            #expect(found.contains("Orla Quenby Fenwick PERSON gazetteer:missions"), "\(found)")
            #expect(found.contains("Harbourside Marathon EVENT gazetteer:missions"), "\(found)")
            // Nothing else on those tokens.
            #expect(!found.contains { $0.hasPrefix("Tianwen ") && !$0.hasPrefix("Tianwen Rover ") }, "\(found)")
            #expect(!found.contains { $0.hasPrefix("Orla ") && !$0.hasPrefix("Orla Quenby Fenwick ") }, "\(found)")
            let more = try entities("Under the Marrow Act, Lumen Tower showed The Glass Orchard at Brightwater Fair.", lists: [list], model: model)
            #expect(more.contains("Marrow Act LAW gazetteer:missions") && more.contains("Lumen Tower FAC gazetteer:missions")
                    && more.contains("The Glass Orchard WORK_OF_ART gazetteer:missions") && more.contains("Brightwater Fair FESTIVAL gazetteer:missions"),
                    "\(more)")
        }
    }

    @Test func aUsersPersonWithParticleIsOneSpan() throws {
        let list = try file("coaches.tsv", "name\tlabel\nJoost van der Brink\tPERSON\nMarit ten Velde\tPERSON\n")
        let found = try entities("Marit ten Velde spoke. Joost van der Brink and Marit ten Velde met in Leeds.", lists: [list])
        #expect(found.filter { $0.hasPrefix("Marit") } == ["Marit ten Velde PERSON gazetteer:coaches", "Marit ten Velde PERSON gazetteer:coaches"])
        #expect(found.contains("Joost van der Brink PERSON gazetteer:coaches"))
        #expect(!found.contains { $0.hasPrefix("Velde ") || $0.hasPrefix("Brink ") || $0.hasPrefix("Joost ") && !$0.hasPrefix("Joost van") })
    }

    @Test func spacyPatternsOfAnyLabelPassThrough() throws {
        let patterns = try file("ruler.jsonl", """
        {"label": "EVENT", "pattern": "Coral Summit"}
        {"label": "NORP", "pattern": [{"LOWER": "veltarian"}]}
        {"label": "PRODUCT", "pattern": [{"ORTH": "Nimbus"}, {"LOWER": "x2"}]}

        """)
        let found = try entities("Veltarian delegates praised the Nimbus X2 before the Coral Summit.", lists: [patterns])
        #expect(found.contains("Veltarian NORP gazetteer:ruler"), "\(found)")
        #expect(found.contains("Nimbus X2 PRODUCT gazetteer:ruler"), "\(found)")
        #expect(found.contains("Coral Summit EVENT gazetteer:ruler"), "\(found)")
    }

    @Test func userEntriesAreTakenLongestFirst() {
        func candidate(_ tokens: Range<Int>, _ label: String, score: Double = 0.9, priority: Int = GazetteerTagger.userPriority) -> Candidate {
            Candidate(tokens: tokens, label: EntityLabel(rawValue: label), score: score, source: "gazetteer:mine", priority: priority)
        }
        let candidates = [candidate(0..<1, "A"), candidate(2..<3, "B", priority: GazetteerTagger.priority), candidate(0..<2, "C"),
                          candidate(3..<4, "D", score: 0.5), candidate(3..<4, "E", score: 0.8)]
        #expect(EntityResolver.userEntries(in: candidates) == [2, 0, 4, 3])
    }
}
