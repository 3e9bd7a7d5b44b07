import Gazette

/// Renders `gazette.doc/1` records as self-contained HTML pages to look at: the text with its entities highlighted
/// by label (a legend; hovering or focusing a mention shows its id, canonical name, source and score), mentions of
/// the same linked entity numbered alike and lit together, and the topics as bars with their evidence. A page needs
/// nothing outside itself: no network, no external scripts, style sheets or fonts.
public struct HTMLPageRenderer: Sendable {
    /// A renderer.
    public init() {}

    /// One page holding `records`, one section each, under `title`; `back` links to an index page.
    public func page(_ records: [ExportRecord], title: String, back: (href: String, text: String)? = nil) -> String {
        let labels = LabelPalette(records.flatMap { $0.entities.map(\.label) })
        var body = "<header><h1>\(HTMLEscaping.escaped(title))</h1>"
        if let back { body += "<p class=\"back\"><a href=\"\(HTMLEscaping.escaped(back.href))\">\(HTMLEscaping.escaped(back.text))</a></p>" }
        body += "</header>\n"
        var mark = 0
        for record in records {
            body += section(record, labels: labels, firstMark: &mark)
        }
        body += "<div id=\"tip\" role=\"tooltip\" hidden></div>\n"
        return Self.document(title: title, style: Self.style + labels.style, body: body, script: Self.script)
    }

    /// The index page of a folder of pages: one row per document, linking to its page.
    public func index(_ entries: [IndexEntry], title: String) -> String {
        let labels = LabelPalette(entries.flatMap { $0.labelCounts.map(\.label) })
        var body = "<header><h1>\(HTMLEscaping.escaped(title))</h1><p class=\"meta\">\(entries.count) document\(entries.count == 1 ? "" : "s")</p></header>\n"
        body += "<main class=\"index\"><table><thead><tr><th>Document</th><th>Entities</th><th>Top topic</th><th>Begins</th></tr></thead><tbody>\n"
        for entry in entries {
            let chips = entry.labelCounts.map { "<span class=\"chip \(labels.cssClass($0.label))\">\(HTMLEscaping.escaped($0.label)) \($0.count)</span>" }
            let topic = entry.topTopic.map { "\(HTMLEscaping.escaped($0.label)) <span class=\"score\">\(Self.formatted($0.score))</span>" }
            body += "<tr><td><a href=\"\(HTMLEscaping.escaped(entry.href))\">\(HTMLEscaping.escaped(entry.name))</a></td>"
            body += "<td>\(chips.isEmpty ? "<span class=\"none\">none</span>" : chips.joined(separator: " "))</td>"
            body += "<td>\(topic ?? "<span class=\"none\">none</span>")</td><td class=\"opening\">\(HTMLEscaping.escaped(entry.opening))</td></tr>\n"
        }
        body += "</tbody></table></main>\n"
        return Self.document(title: title, style: Self.style + labels.style, body: body, script: nil)
    }

    /// One row of an index page: what it shows of a record, and the page that shows the record. Small, so that an
    /// index of many documents does not keep their texts.
    public struct IndexEntry: Sendable {
        /// The record's id, or its line when it has none.
        public var name: String
        /// The page's address, relative to the index page.
        public var href: String
        /// How many entities of each label, in order of first appearance.
        public var labelCounts: [(label: String, count: Int)]
        /// The best topic and its score, if any.
        public var topTopic: (label: String, score: Double)?
        /// The first words of the text.
        public var opening: String

        /// A row for `record`, linking to `href`.
        public init(record: ExportRecord, href: String) {
            name = record.id ?? "line \(record.line)"
            self.href = href
            labelCounts = HTMLPageRenderer.labelCounts(record.entities)
            topTopic = record.topics.first.map { ($0.label, $0.score) }
            opening = HTMLPageRenderer.opening(of: record.text, characters: 140)
        }
    }

    // MARK: - One record

    private func section(_ record: ExportRecord, labels: LabelPalette, firstMark mark: inout Int) -> String {
        let groups = LinkGroups(record.entities)
        let shown = Self.nonOverlapping(record.entities)
        var out = "<section class=\"doc\">\n<h2>\(HTMLEscaping.escaped(record.id ?? "line \(record.line)"))</h2>\n"
        out += "<p class=\"meta\">\(record.entities.count) entit\(record.entities.count == 1 ? "y" : "ies")"
        if groups.count > 0 { out += " · \(groups.count) linked entit\(groups.count == 1 ? "y" : "ies") mentioned more than once" }
        if let stamp = record.stamp { out += " · gazette \(HTMLEscaping.escaped(stamp))" }
        out += "</p>\n<div class=\"columns\"><article class=\"text\">"
        let utf8 = Array(record.text.utf8)
        var position = 0
        for index in shown {
            let entity = record.entities[index]
            out += HTMLEscaping.escaped(String(decoding: utf8[position..<entity.utf8Range.lowerBound], as: UTF8.self))
            out += mention(entity, number: mark, group: groups.number(of: entity), labels: labels)
            position = entity.utf8Range.upperBound
            mark += 1
        }
        out += HTMLEscaping.escaped(String(decoding: utf8[position...], as: UTF8.self))
        out += "</article>\n<aside>\n"
        out += legend(record, labels: labels)
        out += topics(record)
        out += linked(record, groups: groups, labels: labels)
        if shown.count < record.entities.count {
            out += "<p class=\"note\">\(record.entities.count - shown.count) overlapping entit\(record.entities.count - shown.count == 1 ? "y is" : "ies are") not highlighted.</p>\n"
        }
        out += "</aside></div>\n</section>\n"
        return out
    }

    private func mention(_ entity: ExportEntity, number: Int, group: Int?, labels: LabelPalette) -> String {
        var attributes = "class=\"ent \(labels.cssClass(entity.label))\" tabindex=\"0\" data-n=\"\(number)\" data-label=\"\(HTMLEscaping.escaped(entity.label))\""
        if let id = entity.linkID { attributes += " data-id=\"\(HTMLEscaping.escaped(id))\"" }
        if let name = entity.name { attributes += " data-name=\"\(HTMLEscaping.escaped(name))\"" }
        if let source = entity.source { attributes += " data-source=\"\(HTMLEscaping.escaped(source))\"" }
        if let score = entity.score { attributes += " data-score=\"\(Self.formatted(score))\"" }
        var badge = ""
        if let group {
            attributes += " data-group=\"\(group)\""
            badge = "<sup class=\"group\" aria-hidden=\"true\">\(group)</sup>"
        }
        return "<mark \(attributes)>\(HTMLEscaping.escaped(entity.text))\(badge)<span class=\"tag\" aria-hidden=\"true\">\(HTMLEscaping.escaped(entity.label))</span></mark>"
    }

    private func legend(_ record: ExportRecord, labels: LabelPalette) -> String {
        let counts = Self.labelCounts(record.entities)
        guard !counts.isEmpty else { return "<section class=\"legend\"><h3>Entities</h3><p class=\"none\">none found</p></section>\n" }
        let items = counts.map { "<li><span class=\"chip \(labels.cssClass($0.label))\">\(HTMLEscaping.escaped($0.label))</span> \($0.count)</li>" }
        return "<section class=\"legend\"><h3>Entities</h3><ul>\(items.joined())</ul></section>\n"
    }

    private func topics(_ record: ExportRecord) -> String {
        guard !record.topics.isEmpty else { return "<section class=\"topics\"><h3>Topics</h3><p class=\"none\">none</p></section>\n" }
        var out = "<section class=\"topics\"><h3>Topics</h3>\n"
        for topic in record.topics {
            let percent = Self.formatted(max(0, min(1, topic.score)) * 100)
            out += "<div class=\"topic\"><div class=\"topic-head\"><span>\(HTMLEscaping.escaped(topic.label))</span><span class=\"score\">\(Self.formatted(topic.score))</span></div>"
            out += "<div class=\"bar\" role=\"img\" aria-label=\"\(HTMLEscaping.escaped(topic.label)) \(Self.formatted(topic.score))\"><span style=\"width: \(percent)%\"></span></div>"
            if !topic.evidence.isEmpty {
                let words = topic.evidence.map { "<li>\(HTMLEscaping.escaped($0.feature)) <span class=\"weight\">\(Self.formatted($0.weight))</span></li>" }
                out += "<ul class=\"evidence\">\(words.joined())</ul>"
            }
            out += "</div>\n"
        }
        return out + "</section>\n"
    }

    private func linked(_ record: ExportRecord, groups: LinkGroups, labels: LabelPalette) -> String {
        guard groups.count > 0 else { return "" }
        var out = "<section class=\"linked\"><h3>Linked mentions</h3><ol>\n"
        for group in groups.members {
            let first = record.entities[group[0]]
            let mentions = group.map { HTMLEscaping.escaped(record.entities[$0].text) }.joined(separator: " · ")
            out += "<li data-group=\"\(groups.number(of: first) ?? 0)\"><span class=\"chip \(labels.cssClass(first.label))\">\(HTMLEscaping.escaped(first.name ?? first.text))</span>"
            out += " <code>\(HTMLEscaping.escaped(first.linkID ?? ""))</code><br><span class=\"mentions\">\(group.count) mentions: \(mentions)</span></li>\n"
        }
        return out + "</ol></section>\n"
    }

    // MARK: - Helpers

    /// How many entities of each label, in order of first appearance.
    static func labelCounts(_ entities: [ExportEntity]) -> [(label: String, count: Int)] {
        var counts: [(label: String, count: Int)] = []
        for entity in entities {
            if let at = counts.firstIndex(where: { $0.label == entity.label }) { counts[at].count += 1 } else { counts.append((entity.label, 1)) }
        }
        return counts
    }

    /// Indices of the entities to highlight, in text order: an entity overlapping one already shown is left out
    /// (gazette's own records never overlap; a hand-edited one may).
    static func nonOverlapping(_ entities: [ExportEntity]) -> [Int] {
        let order = entities.indices.sorted { (entities[$0].utf8Range.lowerBound, $0) < (entities[$1].utf8Range.lowerBound, $1) }
        var shown: [Int] = []
        var end = 0
        for index in order where entities[index].utf8Range.lowerBound >= end {
            shown.append(index)
            end = entities[index].utf8Range.upperBound
        }
        return shown
    }

    /// A number with at most three decimals, no trailing zeros: 0.5, 0.958, 12.
    static func formatted(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let thousandths = (value * 1000).rounded()
        var text = String(Int(thousandths / 1000))
        let fraction = Int(abs(thousandths).truncatingRemainder(dividingBy: 1000))
        if thousandths < 0, Int(thousandths / 1000) == 0 { text = "-0" }
        guard fraction > 0 else { return text }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return text + "." + digits
    }

    /// The first `characters` characters of `text` on one line, with an ellipsis if cut.
    static func opening(of text: String, characters: Int) -> String {
        let flat = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return flat.count > characters ? String(flat.prefix(characters)) + "…" : flat
    }

    static func document(title: String, style: String, body: String, script: String?) -> String {
        var page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        page += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        page += "<title>\(HTMLEscaping.escaped(title))</title>\n<style>\(style)</style></head>\n<body>\n\(body)"
        if let script { page += "<script>\(script)</script>\n" }
        return page + "</body></html>\n"
    }
}

/// Mentions of the same linked entity (same id), numbered in order of first appearance; only entities mentioned
/// more than once get a number.
struct LinkGroups {
    /// The entities' indices, by group.
    let members: [[Int]]
    private let numbers: [String: Int]

    init(_ entities: [ExportEntity]) {
        var order: [String] = []
        var byID: [String: [Int]] = [:]
        for (index, entity) in entities.enumerated() {
            guard let id = entity.linkID else { continue }
            if byID[id] == nil { order.append(id) }
            byID[id, default: []].append(index)
        }
        let repeated = order.filter { byID[$0]!.count > 1 }
        members = repeated.map { byID[$0]! }
        numbers = Dictionary(uniqueKeysWithValues: repeated.enumerated().map { ($1, $0 + 1) })
    }

    /// How many groups there are.
    var count: Int { members.count }

    /// The group number of `entity`, nil when it is not mentioned again.
    func number(of entity: ExportEntity) -> Int? {
        entity.linkID.flatMap { numbers[$0] }
    }
}

/// A colour for each label: fixed ones for Gazette's own labels, a hue from the label's hash for a user's, so that
/// the same label has the same colour on every page.
struct LabelPalette {
    /// The labels in order of first appearance.
    let labels: [String]

    init(_ all: [String]) {
        var seen: Set<String> = []
        labels = all.filter { seen.insert($0).inserted }
    }

    static let fixed: [String: (background: String, border: String)] = [
        "PERSON": ("#fde2b8", "#d98a1a"), "ORG": ("#cfe5ff", "#2f74c0"), "LOC": ("#d2f2d6", "#2e8b46"),
        "NORP": ("#ecdcff", "#8040c0"), "MISC": ("#e6e6e6", "#777777"),
    ]

    /// The CSS class of `label`'s colour.
    func cssClass(_ label: String) -> String {
        "l\(labels.firstIndex(of: label) ?? 0)"
    }

    /// The style rules of every label's class.
    var style: String {
        labels.enumerated().map { index, label in
            let colours = Self.fixed[label] ?? {
                let hue = FNV1a.hash(label) % 360
                return ("hsl(\(hue), 75%, 86%)", "hsl(\(hue), 55%, 40%)")
            }()
            return ".l\(index){background:\(colours.background);border-color:\(colours.border)}"
        }.joined(separator: "\n")
    }
}

extension HTMLPageRenderer {
    static let style = """
    :root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1d1d1f;background:#fafafa}
    body{margin:0 auto;max-width:1200px;padding:1rem 1.5rem 3rem}
    header h1{font-size:1.4rem;margin:.5rem 0}
    .meta,.note,.none,.back{color:#666;font-size:.9rem}
    .doc{background:#fff;border:1px solid #e2e2e2;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
    .doc h2{font-size:1.1rem;margin:0 0 .25rem}
    .columns{display:flex;gap:1.5rem;align-items:flex-start}
    .text{flex:3;white-space:pre-wrap;line-height:1.9;font-size:1.02rem;overflow-wrap:anywhere}
    aside{flex:1.3;min-width:220px;font-size:.92rem}
    aside h3{font-size:.95rem;margin:.75rem 0 .35rem;text-transform:uppercase;letter-spacing:.04em;color:#444}
    mark.ent{border:1px solid;border-radius:4px;padding:0 .15em;color:inherit;cursor:help;outline:none}
    mark.ent .tag{font-size:.62em;font-weight:600;margin-left:.3em;opacity:.7;vertical-align:.15em}
    mark.ent sup.group{font-size:.65em;font-weight:700;margin-left:.1em;color:#333}
    mark.ent:hover,mark.ent:focus,mark.ent.pinned{box-shadow:0 0 0 2px #222}
    mark.ent.linked{box-shadow:0 0 0 2px #e0218a}
    .chip{display:inline-block;border:1px solid;border-radius:4px;padding:0 .35em;font-size:.85em;font-weight:600}
    .legend ul,.evidence{list-style:none;padding:0;margin:0}
    .legend li{display:inline-block;margin:0 .6em .3em 0}
    .topic{margin-bottom:.6rem}
    .topic-head{display:flex;justify-content:space-between}
    .bar{height:.7rem;background:#eee;border-radius:4px;overflow:hidden;margin:.15rem 0 .25rem}
    .bar span{display:block;height:100%;background:#4a7fd4}
    .evidence li{display:inline-block;background:#f1f1f1;border-radius:3px;padding:0 .3em;margin:0 .3em .25em 0;font-size:.85em}
    .weight,.score{color:#777;font-variant-numeric:tabular-nums}
    .linked ol{padding-left:1.4em;margin:0}
    .linked li{margin-bottom:.4rem}
    .mentions{color:#555;font-size:.85em}
    #tip{position:absolute;z-index:10;background:#222;color:#fff;border-radius:6px;padding:.45rem .6rem;font-size:.85rem;max-width:22rem;box-shadow:0 4px 14px rgba(0,0,0,.25)}
    #tip dl{display:grid;grid-template-columns:auto 1fr;gap:.1rem .6rem;margin:0}
    #tip dt{color:#bbb}
    #tip dd{margin:0;overflow-wrap:anywhere}
    table{border-collapse:collapse;width:100%;background:#fff}
    th,td{text-align:left;vertical-align:top;border-bottom:1px solid #e6e6e6;padding:.45rem .5rem}
    td.opening{color:#555;font-size:.9rem}
    @media (max-width:800px){.columns{flex-direction:column}}

    """

    /// Shows the tooltip on hover and keyboard focus, lights the mentions of the same linked entity, and pins one
    /// mention when the address ends in `#focus=N` (for screenshots and links). Text goes in with `textContent`,
    /// never as markup.
    static let script = """
    (function () {
      "use strict";
      var tip = document.getElementById("tip");
      var fields = [["label", "Label"], ["name", "Name"], ["id", "Id"], ["source", "Source"], ["score", "Score"]];
      function group(mark, on) {
        var g = mark.getAttribute("data-group");
        if (!g) return;
        var all = document.querySelectorAll('mark.ent[data-group="' + g + '"]');
        for (var i = 0; i < all.length; i++) all[i].classList.toggle("linked", on);
      }
      function show(mark) {
        while (tip.firstChild) tip.removeChild(tip.firstChild);
        var list = document.createElement("dl");
        fields.forEach(function (field) {
          var value = mark.getAttribute("data-" + field[0]);
          if (value === null) return;
          var term = document.createElement("dt"); term.textContent = field[1];
          var detail = document.createElement("dd"); detail.textContent = value;
          list.appendChild(term); list.appendChild(detail);
        });
        tip.appendChild(list);
        tip.hidden = false;
        var box = mark.getBoundingClientRect();
        tip.style.left = Math.max(4, box.left + window.scrollX) + "px";
        tip.style.top = (box.bottom + window.scrollY + 6) + "px";
        group(mark, true);
      }
      function hide(mark) {
        if (mark.classList.contains("pinned")) return;
        tip.hidden = true;
        group(mark, false);
      }
      var marks = document.querySelectorAll("mark.ent");
      for (var i = 0; i < marks.length; i++) {
        (function (mark) {
          mark.addEventListener("mouseenter", function () { show(mark); });
          mark.addEventListener("mouseleave", function () { hide(mark); });
          mark.addEventListener("focus", function () { show(mark); });
          mark.addEventListener("blur", function () { hide(mark); });
        })(marks[i]);
      }
      var pinned = /^#focus=(\\d+)$/.exec(location.hash);
      if (pinned) {
        var mark = document.querySelector('mark.ent[data-n="' + pinned[1] + '"]');
        if (mark) { mark.classList.add("pinned"); mark.scrollIntoView({block: "center"}); show(mark); }
      }
      document.documentElement.setAttribute("data-ready", String(marks.length));
    })();

    """
}
