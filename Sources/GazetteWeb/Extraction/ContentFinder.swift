/// Finds a page's article and renders it as text blocks: readability's candidate scoring to choose the container,
/// then cleanup inside it (see `ArticleExtractor`). Works on marks by `HTMLElement.index`; the tree is not changed.
struct ContentFinder {
    let document: HTMLDocument

    /// How strict one attempt is. Like readability, a result shorter than `enoughCharacters` is retried with fewer
    /// removals, and the longest result wins when none is long enough.
    struct Strictness {
        var removeUnlikely = true
        var weighClasses = true
        var cleanConditionally = true
    }

    static let attempts = [
        Strictness(),
        Strictness(removeUnlikely: false),
        Strictness(removeUnlikely: false, weighClasses: false),
        Strictness(removeUnlikely: false, weighClasses: false, cleanConditionally: false),
    ]
    static let enoughCharacters = 500

    /// The article's blocks, boilerplate lines removed.
    func articleBlocks() -> [TextBlock] {
        var best: [TextBlock] = []
        var bestLength = -1
        let traits = ElementTraits(document: document)
        for strictness in Self.attempts {
            var attempt = Attempt(document: document, traits: traits, strictness: strictness)
            let blocks = BoilerplateLines.filter(attempt.blocks())
            let length = blocks.reduce(0) { $0 + $1.characters }
            if length >= Self.enoughCharacters { return blocks }
            if length > bestLength {
                best = blocks
                bestLength = length
            }
        }
        return best
    }
}

/// Per-element statistics of the visible text below an element.
struct TextStatistics {
    /// Characters (Unicode scalars, runs of white space counted as one).
    var characters = 0
    /// Characters inside links.
    var linkCharacters = 0
    /// Commas (Latin, Arabic and CJK).
    var commas = 0
    var paragraphs = 0
    var images = 0
    var listItems = 0
    var inputs = 0
    var embeds = 0
    var headingCharacters = 0
    var listCharacters = 0
    /// Whether a block element (div, p, table, list, ...) is below.
    var hasBlock = false

    var linkDensity: Double { characters == 0 ? 0 : Double(linkCharacters) / Double(characters) }

    static func count(_ text: String) -> (characters: Int, commas: Int) {
        var characters = 0
        var commas = 0
        var space = false
        for byte in text.utf8 {
            switch byte {
            case 0x20, 0x0A, 0x09, 0x0D, 0x0C:
                space = true
            default:
                guard byte & 0xC0 != 0x80 else { continue }
                if space && characters > 0 { characters += 1 }
                space = false
                characters += 1
                if byte == 0x2C { commas += 1 }
            }
        }
        // CJK and Arabic commas: U+FF0C and U+060C, rare enough to look for only when non-ASCII text is present.
        if characters != text.utf8.count {
            for scalar in text.unicodeScalars where scalar == "\u{FF0C}" || scalar == "\u{060C}" || scalar == "\u{3001}" { commas += 1 }
        }
        return (characters, commas)
    }
}

/// What each element's attributes say, read once for all attempts: hidden (`hidden`, `aria-hidden="true"`, a
/// `display: none` or `visibility: hidden` style), an unlikely container (class or id words), the class weight.
struct ElementTraits {
    var hidden: [Bool]
    var unlikely: [Bool]
    var classWeight: [Double]
    /// Whether the class or id says page furniture (`ClassPatterns.furniture`).
    var furniture: [Bool]
    /// Whether an <article> or <main> element is below: such an element is never dropped for its tag or class.
    var holdsMain: [Bool]
    /// How many <p> elements are below.
    var paragraphs: [Int]
    /// Characters and commas of the element's own text children (`TextStatistics.count`), read once.
    var ownCharacters: [Int]
    var ownCommas: [Int]

    init(document: HTMLDocument) {
        hidden = Array(repeating: false, count: document.elementCount)
        unlikely = hidden
        holdsMain = hidden
        furniture = hidden
        classWeight = Array(repeating: 0, count: document.elementCount)
        paragraphs = Array(repeating: 0, count: document.elementCount)
        ownCharacters = paragraphs
        ownCommas = paragraphs
        countBelow(document.root)
        var words: [UInt8] = []
        var style: [UInt8] = []
        document.root.forEachElement { element in
            guard !element.attributes.isEmpty else { return }
            words.removeAll(keepingCapacity: true)
            style.removeAll(keepingCapacity: true)
            for attribute in element.attributes {
                switch attribute.name {
                case "class", "id":
                    for byte in attribute.value.utf8 { words.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) }
                    words.append(0x20)
                case "style":
                    for byte in attribute.value.utf8 where byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
                        style.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                    }
                case "hidden": hidden[element.index] = true
                case "aria-hidden": if attribute.value == "true" { hidden[element.index] = true }
                default: break
                }
            }
            if !style.isEmpty, Self.displayNone.matches(style) { hidden[element.index] = true }
            if !words.isEmpty {
                unlikely[element.index] = ClassPatterns.unlikely.matches(words) && !ClassPatterns.maybeContent.matches(words)
                furniture[element.index] = ClassPatterns.furniture.matches(words)
                var weight = 0.0
                if ClassPatterns.negative.matches(words) { weight -= 25 }
                if ClassPatterns.positive.matches(words) { weight += 25 }
                classWeight[element.index] = weight
            }
        }
    }

    static let displayNone = SubstringPatterns(["display:none", "visibility:hidden"])

    private mutating func countBelow(_ element: HTMLElement) {
        var holds = false
        var count = 0
        var characters = 0
        var commas = 0
        for child in element.children {
            switch child {
            case .text(let text):
                let counts = TextStatistics.count(text)
                characters += counts.characters
                commas += counts.commas
            case .element(let child):
                countBelow(child)
                holds = holds || holdsMain[child.index] || child.name == "main" || child.name == "article"
                count += paragraphs[child.index] + (child.name == "p" ? 1 : 0)
            }
        }
        ownCharacters[element.index] = characters
        ownCommas[element.index] = commas
        holdsMain[element.index] = holds
        paragraphs[element.index] = count
    }
}

/// One pass of the content finder at one strictness.
private struct Attempt {
    let document: HTMLDocument
    let traits: ElementTraits
    let strictness: ContentFinder.Strictness
    var elements: [HTMLElement?]
    var parent: [Int]
    var dropped: [Bool]
    var statistics: [TextStatistics]
    var score: [Double?]

    init(document: HTMLDocument, traits: ElementTraits, strictness: ContentFinder.Strictness) {
        self.document = document
        self.traits = traits
        self.strictness = strictness
        let count = document.elementCount
        elements = Array(repeating: nil, count: count)
        parent = Array(repeating: -1, count: count)
        dropped = Array(repeating: false, count: count)
        statistics = Array(repeating: TextStatistics(), count: count)
        score = Array(repeating: nil, count: count)
    }

    static let furnitureTags: Set<String> = ["nav", "aside", "footer", "header"]
    static let unlikelyRoles: Set<String> = ["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", "banner", "contentinfo"]
    static let keptDespiteClass: Set<String> = ["html", "body", "article", "main", "a", "table", "tbody", "tr", "td", "th", "code", "pre", "p"]
    /// Elements that make a <div> more than a paragraph (readability's DIV_TO_P_ELEMS, plus headings and sections).
    static let blockTags: Set<String> = [
        "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", "section", "article", "h1", "h2", "h3",
        "h4", "h5", "h6", "figure", "main", "center",
    ]
    static let paragraphTags: Set<String> = ["p", "pre", "td", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd", "li"]
    /// Paragraphs whatever they hold (a <p> cannot hold blocks; <pre> is one block).
    static let alwaysParagraphs: Set<String> = ["p", "pre"]
    /// Elements that are a paragraph when no block is below them (readability turns such <div>s into <p>s).
    static let inlineContainers: Set<String> = ["div", "section", "span", "font", "center", "article"]

    // MARK: Marking and statistics

    /// Marks what is never article, records parents, and sums the text statistics bottom-up.
    mutating func mark(_ element: HTMLElement, parentIndex: Int, inTable: Bool) {
        elements[element.index] = element
        parent[element.index] = parentIndex
        var stats = TextStatistics()
        stats.characters = traits.ownCharacters[element.index]
        stats.commas = traits.ownCommas[element.index]
        let inTable = inTable || element.name == "table" || element.name == "code" || element.name == "pre"
        for case .element(let child) in element.children {
            if shouldDrop(child, inTable: inTable) {
                dropped[child.index] = true
                continue
            }
            mark(child, parentIndex: element.index, inTable: inTable)
            let sub = statistics[child.index]
            stats.characters += sub.characters
            stats.linkCharacters += child.name == "a" ? sub.characters : sub.linkCharacters
            stats.commas += sub.commas
            stats.paragraphs += sub.paragraphs + (child.name == "p" || child.name == "pre" ? 1 : 0)
            stats.images += sub.images + (child.name == "img" ? 1 : 0)
            stats.listItems += sub.listItems + (child.name == "li" ? 1 : 0)
            stats.inputs += sub.inputs + (child.name == "input" ? 1 : 0)
            stats.embeds += sub.embeds + (child.name == "embed" || child.name == "object" || child.name == "iframe" ? 1 : 0)
            stats.headingCharacters += child.name.count == 2 && child.name.first == "h" && child.name != "hr" ? sub.characters : sub.headingCharacters
            stats.listCharacters += child.name == "ul" || child.name == "ol" ? sub.characters : sub.listCharacters
            stats.hasBlock = stats.hasBlock || sub.hasBlock || Self.blockTags.contains(child.name)
        }
        statistics[element.index] = stats
    }

    func shouldDrop(_ element: HTMLElement, inTable: Bool) -> Bool {
        if element.name == "img" || element.name == "input" || element.name == "iframe" || element.name == "embed" || element.name == "object" {
            return false  // counted by the conditional cleanup, invisible to the text
        }
        if TextBlocks.invisible.contains(element.name) || traits.hidden[element.index] { return true }
        // Page furniture by tag or role, unless an unclosed element made it hold the article.
        let holdsArticle = traits.holdsMain[element.index] || traits.paragraphs[element.index] >= 5
        if Self.furnitureTags.contains(element.name), !holdsArticle { return true }
        if let role = element.attribute("role")?.lowercased(), Self.unlikelyRoles.contains(role), !holdsArticle { return true }
        if traits.holdsMain[element.index] { return false }
        if strictness.removeUnlikely, !inTable, !Self.keptDespiteClass.contains(element.name) {
            if traits.unlikely[element.index] { return true }
        }
        return false
    }

    // MARK: Scoring

    func classWeight(_ element: HTMLElement) -> Double {
        guard strictness.weighClasses else { return 0 }
        return traits.classWeight[element.index]
    }

    func initialScore(_ element: HTMLElement) -> Double {
        var base = 0.0
        switch element.name {
        case "div", "article", "main": base = 5
        case "pre", "td", "blockquote": base = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": base = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": base = -5
        default: break
        }
        return base + classWeight(element)
    }

    mutating func addScore(_ contentScore: Double, from start: Int) {
        var ancestor = start
        var level = 0
        while ancestor >= 0, level < 5 {
            guard let element = elements[ancestor], element.name != "html" else { break }
            if score[ancestor] == nil { score[ancestor] = initialScore(element) }
            let divider = level == 0 ? 1.0 : level == 1 ? 2.0 : Double(level * 3)
            score[ancestor]! += contentScore / divider
            ancestor = parent[ancestor]
            level += 1
        }
    }

    /// Scores paragraphs (and <div>s that hold only inline content, or inline runs inside other <div>s) and gives
    /// the score to their ancestors.
    mutating func scoreParagraphs(in element: HTMLElement) {
        let stats = statistics[element.index]
        let isParagraph = Self.alwaysParagraphs.contains(element.name)
            || (Self.paragraphTags.contains(element.name) || Self.inlineContainers.contains(element.name)) && !stats.hasBlock
        if isParagraph {
            if stats.characters >= 25 {
                addScore(1 + Double(stats.commas) + Double(min(stats.characters / 100, 3)), from: parent[element.index])
            }
            return
        }
        // Inline text directly inside a container: one paragraph whose parent is the container.
        var inline = traits.ownCharacters[element.index]
        var commas = traits.ownCommas[element.index]
        for case .element(let child) in element.children where !dropped[child.index] {
            let sub = statistics[child.index]
            if !sub.hasBlock && !Self.blockTags.contains(child.name) && !Self.paragraphTags.contains(child.name) {
                inline += sub.characters
                commas += sub.commas
            }
        }
        if inline >= 25 {
            addScore(1 + Double(commas) + Double(min(inline / 100, 3)), from: element.index)
        }
        for case .element(let child) in element.children where !dropped[child.index] { scoreParagraphs(in: child) }
    }

    // MARK: Choosing the container

    mutating func topCandidate() -> Int? {
        var candidates: [(index: Int, score: Double)] = []
        for index in score.indices {
            guard let raw = score[index] else { continue }
            candidates.append((index, raw * (1 - statistics[index].linkDensity)))
        }
        for candidate in candidates { score[candidate.index] = candidate.score }
        candidates.sort { $0.score > $1.score }
        guard var top = candidates.first?.index, let topScore = score[top], topScore > 0 else { return nil }

        // Several strong candidates under one ancestor: the ancestor holds the article (readability).
        let alternatives = candidates.dropFirst().prefix(4).filter { $0.score >= topScore * 0.75 }.map(\.index)
        if alternatives.count >= 3 {
            var ancestor = parent[top]
            while ancestor >= 0, elements[ancestor]?.name != "body" {
                let contained = alternatives.filter { isAncestor(ancestor, of: $0) }.count
                if contained >= 3 {
                    top = ancestor
                    break
                }
                ancestor = parent[ancestor]
            }
        }
        if score[top] == nil { score[top] = initialScore(elements[top]!) }

        // Climb while the parent scores higher (its text is the article's, spread over several children).
        var lastScore = score[top]!
        var ancestor = parent[top]
        while ancestor >= 0, let element = elements[ancestor], element.name != "body", element.name != "html" {
            guard let parentScore = score[ancestor] else {
                ancestor = parent[ancestor]
                continue
            }
            if parentScore < lastScore / 3 { break }
            if parentScore > lastScore {
                top = ancestor
                break
            }
            lastScore = parentScore
            ancestor = parent[ancestor]
        }
        // An only child says no more than its parent.
        while parent[top] >= 0, let parentElement = elements[parent[top]], parentElement.name != "body",
            parentElement.elementChildren.filter({ !dropped[$0.index] }).count == 1 {
            top = parent[top]
        }
        return top
    }

    func isAncestor(_ ancestor: Int, of index: Int) -> Bool {
        var node = parent[index]
        while node >= 0 {
            if node == ancestor { return true }
            node = parent[node]
        }
        return false
    }

    /// The top candidate and those of its siblings that look like article text.
    func withSiblings(_ top: Int) -> [HTMLElement] {
        guard parent[top] >= 0, let parentElement = elements[parent[top]], let topElement = elements[top] else {
            return elements[top].map { [$0] } ?? []
        }
        let topScore = score[top] ?? 0
        let threshold = max(10, topScore * 0.2)
        let topClass = topElement.attribute("class") ?? ""
        var kept: [HTMLElement] = []
        for sibling in parentElement.elementChildren where !dropped[sibling.index] {
            if sibling.index == top {
                kept.append(sibling)
                continue
            }
            if strictness.removeUnlikely, traits.furniture[sibling.index] { continue }
            var bonus = 0.0
            if !topClass.isEmpty, sibling.attribute("class") == topClass { bonus = topScore * 0.2 }
            if let siblingScore = score[sibling.index], siblingScore + bonus >= threshold {
                kept.append(sibling)
                continue
            }
            if sibling.name == "p" || Self.paragraphTags.contains(sibling.name) && sibling.name != "td" {
                let stats = statistics[sibling.index]
                let text = stats.characters
                if text > 80 && stats.linkDensity < 0.25 {
                    kept.append(sibling)
                } else if text > 0, text <= 80, stats.linkDensity == 0 {
                    let raw = sibling.rawText
                    if raw.contains(". ") || raw.hasSuffix(".") { kept.append(sibling) }
                }
            }
        }
        return kept
    }

    /// The article and, in document order, other chunks of the same text near it (sites that cut a story into
    /// several `div.story-text` between advertisements, or put an abstract's section apart from the body's):
    /// elements with the top candidate's tag and class under its ancestor `chunkLevels` levels up, holding prose
    /// (100 characters or more, little link text). (Also taking the class of the best-scored element below the top
    /// candidate scored lower on the dev pages.)
    func withChunks(_ article: [HTMLElement], top: Int) -> [HTMLElement] {
        guard let model = elements[top], let modelClass = model.attribute("class"), !modelClass.isEmpty else {
            return article
        }
        var ancestor = top
        for _ in 0..<Self.chunkLevels where parent[ancestor] >= 0 { ancestor = parent[ancestor] }
        guard let region = elements[ancestor], region.name != "body", region.name != "html" else { return article }
        var chosen = article
        region.forEachElement { element in
            let index = element.index
            guard elements[index] === element, !dropped[index], element.name == model.name,
                element.attribute("class") == modelClass
            else { return }
            let stats = statistics[index]
            guard stats.characters >= 100, stats.linkDensity < 0.25 else { return }
            if chosen.contains(where: { $0.index == index || isAncestor($0.index, of: index) || isAncestor(index, of: $0.index) }) {
                return
            }
            if isUnderDropped(index) { return }
            chosen.append(element)
        }
        return chosen.sorted { $0.index < $1.index }
    }

    static let chunkLevels = 3

    func isUnderDropped(_ index: Int) -> Bool {
        var node = parent[index]
        while node >= 0 {
            if dropped[node] { return true }
            node = parent[node]
        }
        return false
    }

    // MARK: Cleanup inside the article

    static let conditionallyCleaned: Set<String> = ["form", "fieldset", "table", "ul", "ol", "div", "section", "dl"]

    /// Removes, below `element`, the blocks that readability's "clean conditionally" removes: negative class
    /// words, link lists, image galleries, forms and embeds with little text.
    mutating func cleanConditionally(below element: HTMLElement, inFigure: Bool) {
        for case .element(let child) in element.children where !dropped[child.index] {
            let inFigure = inFigure || child.name == "figure"
            if strictness.removeUnlikely, traits.furniture[child.index], !traits.holdsMain[child.index] {
                dropped[child.index] = true
                continue
            }
            if Self.conditionallyCleaned.contains(child.name), shouldRemove(child, inFigure: inFigure) {
                dropped[child.index] = true
                continue
            }
            if child.name.count == 2, child.name.first == "h", classWeight(child) < 0 {
                dropped[child.index] = true
                continue
            }
            cleanConditionally(below: child, inFigure: inFigure)
        }
    }

    func shouldRemove(_ element: HTMLElement, inFigure: Bool) -> Bool {
        let weight = classWeight(element)
        if weight < 0, weight + (score[element.index] ?? 0) < 0 { return true }
        let stats = statistics[element.index]
        guard stats.commas < 10 else { return false }
        let paragraphs = Double(stats.paragraphs)
        let images = Double(stats.images)
        let listItems = Double(stats.listItems - 100)
        let isList = element.name == "ul" || element.name == "ol"
            || stats.characters > 0 && Double(stats.listCharacters) / Double(stats.characters) > 0.9
        let headingDensity = stats.characters == 0 ? 0 : Double(stats.headingCharacters) / Double(stats.characters)
        let linkDensity = stats.linkDensity
        if images > 1 && paragraphs / images < 0.5 && !inFigure { return true }
        if !isList && listItems > paragraphs { return true }
        if Double(stats.inputs) > (paragraphs / 3).rounded(.down) { return true }
        if !isList && headingDensity < 0.9 && stats.characters < 25 && stats.paragraphs == 0 && (images == 0 || images > 2) && !inFigure { return true }
        if !isList && weight < 25 && linkDensity > (stats.paragraphs > 0 ? 0.33 : 0.2) { return true }
        if weight >= 25 && linkDensity > 0.5 { return true }
        if (stats.embeds == 1 && stats.characters < 75) || stats.embeds > 1 { return true }
        if isList && linkDensity > 0.5 { return true }
        return false
    }

    // MARK: The attempt

    mutating func blocks() -> [TextBlock] {
        let body = document.root.first { $0.name == "body" } ?? document.root
        mark(document.root, parentIndex: -1, inTable: false)
        scoreParagraphs(in: body)
        let renderer = TextBlocks(dropped: dropped)
        guard let top = topCandidate() else {
            return renderer.blocks(of: body).filter { $0.characters >= 25 || $0.tag.first == "h" }
        }
        let article = withChunks(withSiblings(top), top: top)
        if strictness.cleanConditionally {
            for element in article { cleanConditionally(below: element, inFigure: false) }
        }
        let cleaned = TextBlocks(dropped: dropped)
        var blocks: [TextBlock] = []
        for element in article {
            if TextBlocks.blockTags.contains(element.name) || element.name == "td" {
                blocks += cleaned.blocks(of: element)
            } else {
                // An inline sibling (rare): render it as a block of its own.
                blocks += cleaned.blocks(of: HTMLElement(name: "div", children: [.element(element)], index: element.index))
            }
        }
        return blocks
    }
}

/// Lines that are page furniture wherever they stand: link-dense lines, share and print prompts, advertisement
/// labels, photo credits and copyright lines (trafilatura's last cleanup step).
enum BoilerplateLines {
    /// Whole lines of page furniture, as their words (ASCII letters and digits, lower case, one space apart).
    static let shortPhrases: Set<String> = [
        "advertisement", "advertising", "share", "share this", "share this article", "share this story", "tweet",
        "email", "e mail", "print", "print this", "comments", "read more", "more", "related", "related articles",
        "related stories", "related links", "click here", "subscribe", "sponsored", "back to top", "top",
        "skip to content", "sign up", "log in", "login", "follow us", "recommended", "continue reading",
    ]
    /// Words of copyright lines (looked for in lines under 250 characters).
    static let copyright = SubstringPatterns(["all rights reserved"])
    static let copyrightPrefixes: [[UInt8]] = ["copyright \u{A9}", "\u{A9} copyright"].map { Array($0.utf8) }
    /// Words of calls to action: a line under 120 characters holding one is a prompt (newsletter, subscription,
    /// social media).
    static let promptWords = SubstringPatterns([
        "subscribe", "newsletter", "sign up", "follow us", "follow the", "download our", "log in", "register to",
    ])
    /// Beginnings of short furniture lines (under 40 characters).
    static let shortPrefixes: [[UInt8]] = ["\u{A9}", "copyright", "photo:", "advertisement"].map { Array($0.utf8) }

    static func filter(_ blocks: [TextBlock]) -> [TextBlock] {
        blocks.filter { keep($0) }
    }

    static func keep(_ block: TextBlock) -> Bool {
        if block.linkDensity > 0.5 && block.characters < 300 { return false }
        guard block.characters < 250 else { return true }
        let lower = block.text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        if copyright.matches(lower) || copyrightPrefixes.contains(where: { lower.starts(with: $0) }) { return false }
        if block.characters < 120, promptWords.matches(lower) { return false }
        if block.characters < 40 {
            if shortPrefixes.contains(where: { lower.starts(with: $0) }) { return false }
            // The line's words: runs of ASCII letters and digits.
            var words: [UInt8] = []
            for byte in lower {
                if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                    words.append(byte)
                } else if words.last.map({ $0 != 0x20 }) ?? false {
                    words.append(0x20)
                }
            }
            if words.last == 0x20 { words.removeLast() }
            if shortPhrases.contains(String(decoding: words, as: UTF8.self)) { return false }
        }
        return true
    }
}
