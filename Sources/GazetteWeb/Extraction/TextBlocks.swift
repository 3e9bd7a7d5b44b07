/// One line of extracted text: a paragraph, heading, list item, table row or any run of text between block
/// boundaries, with its white space collapsed.
struct TextBlock {
    /// The text, white space collapsed, never empty.
    var text: String
    /// The tag of the innermost block element holding the text ("p", "h2", "li", "div", ...).
    var tag: String
    /// Characters (Unicode scalars) of the text.
    var characters: Int
    /// Characters inside links.
    var linkCharacters: Int

    /// The share of the text inside links.
    var linkDensity: Double { characters == 0 ? 0 : Double(linkCharacters) / Double(characters) }
}

/// Renders an element's visible text as blocks, as a browser lays it out: block elements and <br> end a line, runs
/// of white space collapse to one space. Elements marked in `dropped` (by `HTMLElement.index`) are left out.
struct TextBlocks {
    /// Elements to leave out, by index; nil keeps all.
    let dropped: [Bool]?

    /// Elements whose content a reader does not see. Not <head>: when a page puts an unknown element in its head,
    /// libxml2 leaves the whole page there (as the body of no <body>), so only the head's own elements are skipped.
    static let invisible: Set<String> = [
        "title", "base", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
        "canvas", "select", "datalist", "audio", "video", "button", "input", "textarea", "option", "meta", "link",
    ]
    /// Elements that end a line.
    static let blockTags: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "dl", "li", "dt", "dd",
        "table", "tr", "caption", "section", "article", "main", "header", "footer", "aside", "nav", "figure",
        "figcaption", "form", "fieldset", "legend", "hr", "address", "details", "summary", "body", "html", "center",
        "tbody", "thead", "tfoot",
    ]
    /// Elements that separate words without ending the line.
    static let cellTags: Set<String> = ["td", "th", "img", "label"]

    func blocks(of element: HTMLElement) -> [TextBlock] {
        var state = State()
        render(element, blockTag: element.name, inLink: false, into: &state)
        state.flush()
        return state.blocks
    }

    private struct State {
        var blocks: [TextBlock] = []
        var line: [UInt8] = []
        var tag = "div"
        var characters = 0
        var linkCharacters = 0
        var pendingSpace = false

        mutating func append(_ text: String, inLink: Bool) {
            for byte in text.utf8 {
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                    pendingSpace = true
                    continue
                }
                // U+00A0 (no-break space) is C2 A0: the C2 is written, then undone when A0 follows.
                if byte == 0xA0, line.last == 0xC2 {
                    line.removeLast()
                    characters -= 1
                    if inLink { linkCharacters -= 1 }
                    pendingSpace = true
                    continue
                }
                if pendingSpace {
                    if !line.isEmpty {
                        line.append(0x20)
                        characters += 1
                        if inLink { linkCharacters += 1 }
                    }
                    pendingSpace = false
                }
                line.append(byte)
                if byte & 0xC0 != 0x80 {
                    characters += 1
                    if inLink { linkCharacters += 1 }
                }
            }
        }

        mutating func flush() {
            if !line.isEmpty {
                blocks.append(TextBlock(text: String(decoding: line, as: UTF8.self), tag: tag, characters: characters, linkCharacters: linkCharacters))
            }
            line.removeAll(keepingCapacity: true)
            characters = 0
            linkCharacters = 0
            pendingSpace = false
        }
    }

    private func render(_ element: HTMLElement, blockTag: String, inLink: Bool, into state: inout State) {
        let inLink = inLink || element.name == "a"
        for child in element.children {
            switch child {
            case .text(let text):
                if state.line.isEmpty { state.tag = blockTag }
                state.append(text, inLink: inLink)
            case .element(let child):
                if let dropped, dropped[child.index] { continue }
                if Self.invisible.contains(child.name) { continue }
                if child.name == "br" {
                    state.flush()
                } else if Self.blockTags.contains(child.name) {
                    state.flush()
                    render(child, blockTag: child.name, inLink: inLink, into: &state)
                    state.flush()
                } else {
                    if Self.cellTags.contains(child.name) { state.pendingSpace = true }
                    render(child, blockTag: blockTag, inLink: inLink, into: &state)
                    if Self.cellTags.contains(child.name) { state.pendingSpace = true }
                }
            }
        }
    }

    /// A string reduced for comparing headlines: letters and digits only, lower-cased.
    static func comparable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
    }
}
