/// Compiles entity lists into the binary form that `GazetteerImage` reads: rows are merged into entries (rows that
/// share an id are one entry, so an extension file such as `places-sa.tsv` can add aliases to `places.tsv`),
/// every surface form is tokenised with the document segmenter and folded to matching keys, its case policy is
/// decided; `GazetteerWriter` then lays the entries and forms out.
struct GazetteerCompiler {
    /// Matching keys of common English words: a one-word name in this set needs exact case and context, a longer
    /// name made only of such words needs capitals ("White House").
    var commonWords: Set<String> = []
    /// Matching keys of ordinary English words (a larger list): a name in lower case text matches only if it is
    /// none of them, and a name made only of them (or of common words) needs its capitals.
    var englishWords: Set<String> = []
    var segmenter: Segmenter

    /// An entry being assembled from its rows.
    struct EntryDraft {
        var name: String
        var label: String
        var id: String?
        var prior: Double
        var flags: EntryFlags
        var kind: String?
        var country: String?
        var description: String?
        var xrefs: [String]
        var aliases: [String]
        var source: String
        var forms: [SurfaceFormDraft]
    }

    /// A tokenised surface form.
    struct Form {
        var entry: Int
        var keys: [String]
        var cases: [TokenCase]
        var policy: SurfacePolicy
        var surface: String
        var isUser: Bool
    }

    static let defaultPrior = 0.8

    /// The compiled bytes of `lists`.
    func compile(_ lists: [GazetteerList], contentHash: UInt64, compiledHash: UInt64? = nil,
                 manifest: [(path: String, status: GazetteerFiles.Status)]) throws(GazetteError) -> [UInt8] {
        let entries = try mergedEntries(lists)
        let forms = try tokenizedForms(entries)
        return GazetteerWriter.bytes(entries: entries, forms: forms, contentHash: contentHash, compiledHash: compiledHash ?? contentHash, manifest: manifest)
    }

    // MARK: Rows to entries

    private func mergedEntries(_ lists: [GazetteerList]) throws(GazetteError) -> [EntryDraft] {
        var drafts: [EntryDraft] = []
        var indexOfID: [String: Int] = [:]
        for list in lists {
            let rows = try list.format == .tsv ? list.tsvRows() : list.jsonlRows()
            for row in rows {
                if let id = row.id, let index = indexOfID[id] {
                    guard drafts[index].label == row.label else {
                        throw GazetteError(.resourceMalformed, "\(row.file) line \(row.line): id '\(id)' has label \(row.label) here but \(drafts[index].label) in \(drafts[index].source)")
                    }
                    var draft = drafts[index]
                    for form in row.forms where !draft.forms.contains(form) { draft.forms.append(form) }
                    for form in row.forms.dropFirst() where !draft.aliases.contains(form.text) && form.text != draft.name { draft.aliases.append(form.text) }
                    if row.name != draft.name, !draft.aliases.contains(row.name) { draft.aliases.append(row.name) }
                    for xref in row.xrefs where !draft.xrefs.contains(xref) { draft.xrefs.append(xref) }
                    draft.flags.formUnion(row.flags.subtracting(.user))
                    draft.kind = draft.kind ?? row.kind
                    draft.country = draft.country ?? row.country
                    draft.description = draft.description ?? row.description
                    drafts[index] = draft
                    continue
                }
                if let id = row.id { indexOfID[id] = drafts.count }
                var aliases: [String] = []
                for form in row.forms.dropFirst() where !aliases.contains(form.text) { aliases.append(form.text) }
                drafts.append(EntryDraft(name: row.name, label: row.label, id: row.id, prior: row.prior ?? (list.isUser ? 0.9 : Self.defaultPrior),
                                         flags: row.flags, kind: row.kind, country: row.country, description: row.description,
                                         xrefs: row.xrefs, aliases: aliases, source: list.source, forms: row.forms))
            }
        }
        return drafts
    }

    // MARK: Tokenising and policies

    private func tokenizedForms(_ entries: [EntryDraft]) throws(GazetteError) -> [Form] {
        // Everything written as text is tokenised in large batches, one form per line, exactly as documents are.
        var texts: [String] = []
        var owners: [(entry: Int, form: Int)] = []
        for (e, entry) in entries.enumerated() {
            for (f, form) in entry.forms.enumerated() {
                if let tokens = form.patternTokens {
                    for token in tokens { texts.append(token.text); owners.append((e, f)) }
                } else {
                    texts.append(form.text)
                    owners.append((e, f))
                }
            }
        }
        let tokenized = try tokenize(texts)

        var forms: [Form] = []
        forms.reserveCapacity(texts.count)
        var t = 0
        while t < texts.count {
            let (e, f) = owners[t]
            let entry = entries[e]
            let draft = entry.forms[f]
            var keys: [String] = [], cases: [TokenCase] = [], words: [(key: String, token: Token)] = []
            var hasPeriod = false
            if let patternTokens = draft.patternTokens {
                for patternToken in patternTokens {
                    for (key, token, period) in tokenized[t] {
                        keys.append(key)
                        cases.append(patternToken.caseSensitive ? TokenCase(token) : .free)
                        if token.kind == .word { words.append((key, token)) }
                        hasPeriod = hasPeriod || period
                    }
                    t += 1
                }
            } else {
                for (key, token, period) in tokenized[t] {
                    keys.append(key)
                    cases.append(TokenCase(token))
                    if token.kind == .word { words.append((key, token)) }
                    hasPeriod = hasPeriod || period
                }
                t += 1
            }
            guard !words.isEmpty, keys.count <= 255 else { continue }
            let policy = self.policy(draft, words: words, hasPeriod: hasPeriod, flags: entry.flags)
            forms.append(Form(entry: e, keys: keys, cases: cases, policy: policy, surface: draft.text, isUser: draft.isUser))
        }
        return forms
    }

    /// The case rule and context needs of one surface form.
    ///
    /// - Acronyms ("US", "NATO", "U.S."): upper case in the text; if the acronym is also a common word ("WHO",
    ///   "US"), not inside an all-capitals line, where capitals say nothing, unless the text has periods ("U.S.").
    /// - One word that is a common word ("Nice", "Reading"), or of an entry flagged `ambiguous` ("Jordan"): exact
    ///   case and supporting context. With the `distinctive` flag ("China", "Turkey") just capitals.
    /// - Several words that are all common words ("White House", "United States"): capitals where listed.
    /// - Anything else is distinctive ("Xinjiang", "Antony Blinken"): any case.
    /// - `=Name` forces exact case and context; `?Name` (or the entry flag `lookup`) is lookup only; a spaCy
    ///   phrase or token pattern keeps spaCy's meaning (exact text, or per token `ORTH`/`LOWER`), no context.
    func policy(_ form: SurfaceFormDraft, words: [(key: String, token: Token)], hasPeriod: Bool, flags: EntryFlags) -> SurfacePolicy {
        var policy = casePolicy(form, words: words, hasPeriod: hasPeriod, flags: flags)
        // Lower-case text names an entity only when the name is one distinctive word ("xinjiang").
        if words.count == 1, policy.caseRule == .any, !policy.lookupOnly, words[0].key.utf8.count >= 4,
           !commonWords.contains(words[0].key), !englishWords.contains(words[0].key),
           form.marker == .automatic || form.patternTokens != nil {
            policy.allowsLowerCase = true
        }
        if let tokens = form.patternTokens, tokens.allSatisfy({ !$0.caseSensitive }) { policy.allowsLowerCase = true }
        policy.isUser = form.isUser
        return policy
    }

    private func casePolicy(_ form: SurfaceFormDraft, words: [(key: String, token: Token)], hasPeriod: Bool, flags: EntryFlags) -> SurfacePolicy {
        if flags.contains(.lookupOnly) { return SurfacePolicy(caseRule: .any, lookupOnly: true) }
        switch form.marker {
        case .lookupOnly: return SurfacePolicy(caseRule: .any, lookupOnly: true)
        case .exact: return SurfacePolicy(caseRule: .exact, needsContext: true)
        case .phrase: return SurfacePolicy(caseRule: .exact)
        case .automatic: break
        }
        let isAcronym = words.allSatisfy { $0.token.shape == .allCaps || $0.token.shape == .hasDigit || $0.token.shape == .uncased }
            && words.contains { $0.token.shape == .allCaps }
        if isAcronym {
            let common = words.count == 1 && commonWords.contains(words[0].key) && !flags.contains(.distinctive)
            return SurfacePolicy(caseRule: .any, needsContext: words.count == 1 && flags.contains(.ambiguous), commonAcronym: common)
        }
        if words.count == 1 {
            let common = commonWords.contains(words[0].key)
            if flags.contains(.ambiguous) { return SurfacePolicy(caseRule: .exact, needsContext: true) }
            if common { return flags.contains(.distinctive) ? SurfacePolicy(caseRule: .cased) : SurfacePolicy(caseRule: .exact, needsContext: true) }
            return SurfacePolicy(caseRule: .any)
        }
        if !flags.contains(.distinctive), words.allSatisfy({ commonWords.contains($0.key) || englishWords.contains($0.key) }) {
            return SurfacePolicy(caseRule: .cased)
        }
        return SurfacePolicy(caseRule: .any)
    }

    /// Tokens (matching key, token, whether the token holds a period) of each text, segmented like a document.
    private func tokenize(_ texts: [String]) throws(GazetteError) -> [[(String, Token, Bool)]] {
        var results = [[(String, Token, Bool)]](repeating: [], count: texts.count)
        var start = 0
        var buffer: [UInt8] = []
        var bounds: [Range<Int>] = []
        while start < texts.count {
            buffer.removeAll(keepingCapacity: true)
            bounds.removeAll(keepingCapacity: true)
            var end = start
            while end < texts.count, buffer.count < 1 << 20 {
                let lower = buffer.count
                for byte in texts[end].utf8 { buffer.append(byte == 0x0A || byte == 0x0D || byte == 0x09 ? 0x20 : byte) }
                bounds.append(lower..<buffer.count)
                buffer.append(0x0A)
                end += 1
            }
            var straddling: [Int] = []
            try buffer.withUnsafeBufferPointer { (bytes) throws(GazetteError) in
                let (tokens, _) = try segmenter.segment(bytes)
                var b = 0
                for token in tokens {
                    while b < bounds.count, token.start >= bounds[b].upperBound { b += 1 }
                    guard b < bounds.count else { break }
                    guard token.start >= bounds[b].lowerBound, token.end <= bounds[b].upperBound else {
                        if straddling.last != b { straddling.append(b) }
                        continue
                    }
                    let slice = UnsafeBufferPointer(rebasing: bytes[token.utf8Range])
                    results[start + b].append((MatchingKey.fold(slice), shifted(token, by: -bounds[b].lowerBound), slice.contains(UInt8(ascii: "."))))
                }
            }
            for b in straddling {  // a token ran across the line break (never seen): tokenise that text alone
                var text = texts[start + b]
                let tokens = try segmenter.tokens(of: text)
                results[start + b] = text.withUTF8 { bytes in
                    tokens.map { token in
                        let slice = UnsafeBufferPointer(rebasing: bytes[token.utf8Range])
                        return (MatchingKey.fold(slice), token, slice.contains(UInt8(ascii: ".")))
                    }
                }
            }
            start = end
        }
        return results
    }

    private func shifted(_ token: Token, by delta: Int) -> Token {
        Token(start: token.start + delta, end: token.end + delta, kind: token.kind, shape: token.shape)
    }
}
