#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Pipeline {
    /// The shipped topic model, relative to the resource folder.
    public static let shippedTopicModel = "Models/news-topics.topicmodel"

    /// The topic stage chosen by `options` (nil for `.none`). Model files need not be hashed here: the resource
    /// stamp already covers every file in `Models/` and a `--topic-model` file.
    static func topicClassifier(_ options: PipelineOptions, _ reader: inout ResourceReader) throws(GazetteError) -> TopicClassifier? {
        let model: any TopicModel
        switch options.topicModel {
        case .none:
            return nil
        case let .model(given):
            model = given
        case .shipped:
            model = try LinearTopicModel(bytes: try reader.resources.data(shippedTopicModel), file: reader.resources.root + "/" + shippedTopicModel)
        case let .file(path):
            model = try LinearTopicModel(contentsOf: path)
        }
        return TopicClassifier(model: model, limit: options.topicLimit, evidence: options.topicEvidence)
    }
}

extension LinearTopicModel {
    /// Reads a model file. A missing file is `resourceMissing`; a corrupt or foreign one `resourceMalformed`,
    /// both naming the file.
    public init(contentsOf path: String) throws(GazetteError) {
        guard let bytes = GazetteerFiles.read(path) else {
            throw GazetteError(.resourceMissing, "cannot read topic model \(path)")
        }
        try self.init(bytes: bytes, file: path)
    }
}
