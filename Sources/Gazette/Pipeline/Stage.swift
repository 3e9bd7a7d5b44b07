/// One step of a pipeline: it does one job on a document, in place, and never does I/O.
///
/// A stage declares the layers it needs and the layers it adds; `Pipeline` checks the chain when it is built,
/// so a mis-ordered pipeline fails at set-up, not on the first document.
public protocol Stage: Sendable {
    /// A short stable name, e.g. `segmenter`.
    var name: String { get }
    /// Layers that earlier stages must have provided.
    var requires: Set<Layer> { get }
    /// Layers this stage fills.
    var provides: Set<Layer> { get }
    /// Annotates `document`. Throwing fails this document only.
    func process(_ document: inout Document) throws
}
