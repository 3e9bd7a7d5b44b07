/// Whether a training run's data are too few for its model, or its held-out figures, to mean anything: a topic
/// model trained on three documents a label scores 1.0 on its three validation documents and still calls anything
/// anything. The run goes on (small data are fine for trying things out); these are the warnings it prints.
public enum TrainingSizeCheck {
    /// Fewer training documents than this for a label, and the label's weights are mostly noise.
    public static let minimumTrainingDocumentsPerLabel = 20
    /// Fewer held-out documents (topics) or gold spans (entities) than this, and an accuracy, a calibration or a
    /// precision measured on them is mostly luck.
    public static let minimumHeldOut = 50

    /// Warnings for a topic run: `trainingPerLabel` counts each label's training documents (labels with none
    /// included), `heldOut` the validation documents (nil when no validation was asked for).
    public static func topicWarnings(trainingPerLabel: [(label: String, count: Int)], heldOut: Int?) -> [String] {
        var warnings: [String] = []
        let few = trainingPerLabel.filter { $0.count < minimumTrainingDocumentsPerLabel }
        if !few.isEmpty {
            let list = few.map { "'\($0.label)' \($0.count)" }.joined(separator: ", ")
            warnings.append("too few training documents to learn from (fewer than \(minimumTrainingDocumentsPerLabel) for \(list)): "
                            + "the model will label new text close to at random")
        }
        if let heldOut, heldOut < minimumHeldOut {
            warnings.append("only \(heldOut) validation document(s) (fewer than \(minimumHeldOut)): the validation accuracy and "
                            + "the score calibration fitted on them mean little")
        }
        return warnings
    }

    /// Warnings for an entity-model run on `documents` documents whose held-out part holds `heldOutGold` gold spans.
    public static func entityWarnings(documents: Int, heldOutGold: Int) -> [String] {
        var warnings: [String] = []
        if documents < minimumTrainingDocumentsPerLabel {
            warnings.append("only \(documents) training document(s) (fewer than \(minimumTrainingDocumentsPerLabel)): the model will "
                            + "not generalise")
        }
        if heldOutGold < minimumHeldOut {
            warnings.append("only \(heldOutGold) held-out gold span(s) (fewer than \(minimumHeldOut)): the held-out precision and "
                            + "recall and the score calibration fitted on them mean little")
        }
        return warnings
    }
}
