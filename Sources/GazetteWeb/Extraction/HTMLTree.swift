/// A node of a parsed HTML document: an element or a run of text (entities decoded, white space as written).
public enum HTMLNode {
    /// An element with its children.
    case element(HTMLElement)
    /// Character data.
    case text(String)
}

/// An element of a parsed HTML document: its lower-case tag name, the attributes that extraction reads (see
/// `HTMLParser`) and its children in document order. Reference type so that the extractor can tell elements apart
/// (`index`, unique and in document order within one document) and remove them from their parent while cleaning up.
public final class HTMLElement {
    /// The lower-case tag name, such as "div".
    public let name: String
    /// The attributes kept by the parser, in document order, names lower-case.
    public let attributes: [(name: String, value: String)]
    /// The children in document order.
    public internal(set) var children: [HTMLNode]
    /// The element's position in document order (0 for the root): an index for per-element tables.
    public let index: Int

    /// Makes an element; `index` must be unique within its document.
    public init(name: String, attributes: [(name: String, value: String)] = [], children: [HTMLNode] = [], index: Int) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.index = index
    }

    /// The value of the first attribute called `name` (lower-case), or nil.
    public func attribute(_ name: String) -> String? {
        for attribute in attributes where attribute.name == name { return attribute.value }
        return nil
    }

    /// The element children, in document order.
    public var elementChildren: [HTMLElement] {
        children.compactMap { if case .element(let element) = $0 { element } else { nil } }
    }

    /// Calls `body` on this element and every element below it, in document order (pre-order).
    public func forEachElement(_ body: (HTMLElement) -> Void) {
        body(self)
        for case .element(let child) in children { child.forEachElement(body) }
    }

    /// The first element in document order, this one included, for which `predicate` holds.
    public func first(where predicate: (HTMLElement) -> Bool) -> HTMLElement? {
        if predicate(self) { return self }
        for case .element(let child) in children {
            if let found = child.first(where: predicate) { return found }
        }
        return nil
    }

    /// The text of the element's descendants, concatenated as written (no white space added or collapsed).
    public var rawText: String {
        var text = ""
        appendRawText(to: &text)
        return text
    }

    private func appendRawText(to text: inout String) {
        for child in children {
            switch child {
            case .text(let string): text += string
            case .element(let element): element.appendRawText(to: &text)
            }
        }
    }
}

/// A parsed HTML document.
public struct HTMLDocument {
    /// The root element (<html>; an empty <html> for an empty page).
    public let root: HTMLElement
    /// How many elements the document has: `HTMLElement.index` is below it.
    public let elementCount: Int

    /// A document whose elements are numbered 0..<elementCount.
    public init(root: HTMLElement, elementCount: Int) {
        self.root = root
        self.elementCount = elementCount
    }
}
