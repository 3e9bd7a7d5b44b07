/// A chain of stages, built once and shared: `Pipeline` is immutable and `Sendable`, so one instance can annotate
/// from many threads or tasks at once.
///
/// ```swift
/// let pipeline = try Pipeline.standard()
/// let doc = try pipeline.annotate("Secretary of State Antony Blinken met survivors in Washington.")
/// for entity in doc.entities { print(entity.label, doc.text[entity.range]) }
/// ```
public struct Pipeline: Sendable {
    /// The stages, in order.
    public let stages: [any Stage]
    /// Version stamp written on every output record: the Gazette version plus a hash of the resources in use.
    public let stamp: String
    /// How many layers the stages provide in all: room for them is made in a document's layers before the stages
    /// run, so that the set does not grow (and rehash) stage by stage.
    private let providedLayerCount: Int

    /// Builds a pipeline, checking that every stage's requirements are provided by the stages before it.
    public init(stages: [any Stage], resourceHash: String? = nil) throws(GazetteError) {
        var available = Set<Layer>()
        for stage in stages {
            let missing = stage.requires.subtracting(available)
            if !missing.isEmpty {
                let names = missing.map(\.rawValue).sorted().joined(separator: ", ")
                throw GazetteError(.pipelineOrder, "stage '\(stage.name)' requires \(names), which no earlier stage provides")
            }
            available.formUnion(stage.provides)
        }
        self.stages = stages
        self.stamp = Provenance.stamp(digest: resourceHash)
        self.providedLayerCount = available.count
    }

    /// Annotates one text.
    public func annotate(_ text: String, id: String? = nil) throws -> Document {
        try annotate(Document(text: text, id: id))
    }

    /// Runs every stage over `document` and returns it annotated. A document with no text (empty, or nothing but
    /// white space) is not run through the stages: it comes back with no sentences, entities or topics and a `GZ109`
    /// warning, the library's side of the bad-input policy (the filter and `gazette batch` write a `GZ109` error
    /// record for it).
    public func annotate(_ document: Document) throws -> Document {
        if DocumentContent.isBlank(document.text) { return empty(document, providing: stages) }
        var document = document
        document.layers.reserveCapacity(document.layers.count + providedLayerCount)
        for stage in stages {
            try stage.process(&document)
            document.layers.formUnion(stage.provides)
        }
        return document
    }

    /// The layers that do not depend on the text's language: what documents in a language not annotated still get.
    public static let languageNeutralLayers: Set<Layer> = [.sentences, .tokens]

    /// Runs only the stages that provide nothing but `layers` (for example `languageNeutralLayers`: the segmenter),
    /// in order, skipping the others.
    public func annotate(_ document: Document, onlyProviding layers: Set<Layer>) throws -> Document {
        if DocumentContent.isBlank(document.text) {
            return empty(document, providing: stages.filter { $0.provides.isSubset(of: layers) })
        }
        var document = document
        for stage in stages where stage.provides.isSubset(of: layers) && stage.requires.isSubset(of: document.layers) {
            try stage.process(&document)
            document.layers.formUnion(stage.provides)
        }
        return document
    }

    /// A document with no text, as the stages would leave it (their layers present and empty) but with no topic
    /// guessed from nothing, and a `GZ109` warning.
    private func empty(_ document: Document, providing stages: [any Stage]) -> Document {
        var document = document
        for stage in stages { document.layers.formUnion(stage.provides) }
        document.warnings.append(Warning(code: .emptyDocument, message: DocumentContent.emptyError().message))
        return document
    }

    /// Annotates a stream of texts in order, one at a time, as they arrive.
    public func annotate<Texts: AsyncSequence & Sendable>(_ texts: Texts) -> AsyncThrowingStream<Document, any Error>
    where Texts.Element == String {
        let pipeline = self
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await text in texts {
                        continuation.yield(try pipeline.annotate(text))
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// Library-wide constants.
public enum GazetteLibrary {
    /// The version of this library, as stamped on output.
    public static let version = "0.1.0"
    /// The output schema written by `JSONLWriter`.
    public static let schema = "gazette.doc/1"
}
