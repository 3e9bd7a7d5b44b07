#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Maps the labels of a data set onto a model's labels, e.g. HuffPost's `WORLD NEWS` and `WORLDPOST` to `world`.
///
/// The JSON file is an object. `"taxonomy": [...]` (optional) lists the target labels in order. Every other
/// member maps labels: either directly (`"WORLD NEWS": "world"`), or as a named section of such pairs
/// (`"huffpost": {"WORLD NEWS": "world", ...}`). Sections are merged; a label mapped two different ways is an error.
public struct TopicLabelMap: Sendable, Hashable {
    /// The target labels in order, when the map lists them.
    public var taxonomy: [String]?
    /// Each data set's label mapped to a taxonomy label.
    public var mapping: [String: String]

    /// A map from data labels to the taxonomy (every label listed when `taxonomy` is given).
    public init(taxonomy: [String]? = nil, mapping: [String: String]) {
        self.taxonomy = taxonomy
        self.mapping = mapping
    }

    /// Reads a label map; `file` names it in errors.
    public init(json bytes: [UInt8], file: String) throws(GazetteError) {
        let members: [String: Member]
        do {
            members = try JSONDecoder().decode([String: Member].self, from: Data(bytes))
        } catch {
            throw GazetteError(.resourceMalformed, "\(file): not a label map (a JSON object of label → label pairs or sections of them)")
        }
        var taxonomy: [String]?
        var mapping: [String: String] = [:]
        func add(_ from: String, _ to: String) throws(GazetteError) {
            if let existing = mapping[from], existing != to {
                throw GazetteError(.resourceMalformed, "\(file): label '\(from)' maps to both '\(existing)' and '\(to)'")
            }
            mapping[from] = to
        }
        for key in members.keys.sorted() {
            switch members[key]! {
            case let .list(labels):
                guard key == "taxonomy" else { throw GazetteError(.resourceMalformed, "\(file): '\(key)' is a list; only 'taxonomy' may be") }
                taxonomy = labels
            case let .label(target):
                try add(key, target)
            case let .section(pairs):
                for from in pairs.keys.sorted() { try add(from, pairs[from]!) }
            }
        }
        if let taxonomy {
            guard Set(taxonomy).count == taxonomy.count, !taxonomy.isEmpty else {
                throw GazetteError(.resourceMalformed, "\(file): 'taxonomy' must list distinct labels")
            }
            let known = Set(taxonomy)
            if let stray = mapping.values.sorted().first(where: { !known.contains($0) }) {
                throw GazetteError(.resourceMalformed, "\(file): label '\(stray)' is a mapping target but not in 'taxonomy'")
            }
        }
        self.init(taxonomy: taxonomy, mapping: mapping)
    }

    /// The target of `label`: its mapping, else the label itself when it is already a target label (listed in
    /// the taxonomy, or a mapping target). Nil when the map does not cover it.
    public func map(_ label: String) -> String? {
        if let target = mapping[label] { return target }
        if let taxonomy { return taxonomy.contains(label) ? label : nil }
        return mapping.values.contains(label) ? label : nil
    }

    private enum Member: Decodable {
        case list([String])
        case label(String)
        case section([String: String])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let label = try? container.decode(String.self) {
                self = .label(label)
            } else if let list = try? container.decode([String].self) {
                self = .list(list)
            } else {
                self = .section(try container.decode([String: String].self))
            }
        }
    }
}
