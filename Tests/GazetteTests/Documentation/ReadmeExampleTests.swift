import Foundation
import Testing
import Gazette

/// The README's embedding example, verbatim between the markers; a test below checks README still shows exactly it.
private func readmeExample() throws -> String {
    var printed = ""
    func print(_ items: Any...) { printed += items.map { "\($0)" }.joined(separator: " ") + "\n" }
    // README-EXAMPLE-BEGIN
    let pipeline = try Pipeline.standard()
    let doc = try pipeline.annotate("Secretary of State Antony Blinken met survivors in Washington.")
    for entity in doc.entities {
        print(entity.label, entity.text, entity.name ?? "-", entity.score)
    }
    // README-EXAMPLE-END
    return printed
}

@Suite("README")
struct ReadmeExampleTests {
    private static let root = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func exampleIsTheOneInTheReadme() throws {
        let source = try String(contentsOf: URL(fileURLWithPath: "\(#filePath)"), encoding: .utf8)
        let begin = try #require(source.range(of: "// README-EXAMPLE-BEGIN\n"))
        let end = try #require(source.range(of: "    // README-EXAMPLE-END"))
        let body = source[begin.upperBound..<end.lowerBound].split(separator: "\n").map { $0.dropFirst(4) }.joined(separator: "\n")
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("```swift\nimport Gazette\n\n" + body + "\n```"))
    }

    @Test func exampleRunsAndFindsThePerson() throws {
        let output = try readmeExample()
        #expect(output.contains("PERSON Antony Blinken Antony Blinken"))
    }
}
