/// A key of the typed store on `Document`, where a stage keeps data that has no field of its own: the key type
/// names the value's type and the value read before any stage wrote one.
///
/// ```swift
/// enum SentimentScore: DocumentValueKey { static let defaultValue = 0.0 }
/// document[SentimentScore.self] = 0.8
/// ```
public protocol DocumentValueKey {
    /// The type of the value stored under this key.
    associatedtype Value: Sendable
    /// The value read while none has been stored.
    static var defaultValue: Value { get }
}

extension Document {
    /// The value a stage stored under `key`, or the key's `defaultValue` when none was.
    public subscript<Key: DocumentValueKey>(key: Key.Type) -> Key.Value {
        get {
            let id = ObjectIdentifier(key)
            // A document holds a handful of values: a scan is quicker than hashing the key.
            for entry in values where entry.key == id {
                return (entry.box as? DocumentValueBox<Key.Value>)?.value ?? Key.defaultValue
            }
            return Key.defaultValue
        }
        set {
            let id = ObjectIdentifier(key), box = DocumentValueBox(newValue)
            if let index = values.firstIndex(where: { $0.key == id }) {
                values[index].box = box
            } else {
                values.append((id, box))
            }
        }
    }
}

/// One stored value. Boxes are immutable: setting a value stores a new box, so copies of a document never share a
/// change.
final class DocumentValueBox<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
