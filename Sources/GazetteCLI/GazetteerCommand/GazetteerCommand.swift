import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Gazette

/// `gazette gazetteer …`: compile, query and count the gazetteers.
struct GazetteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer",
        abstract: "Compile the gazetteers, look names up, count entries.",
        discussion: """
        The entity lists in Gazetteers/ (plus any --gazetteer FILE) are compiled into a binary file on first use \
        and cached (in $GAZETTE_CACHE_DIR, $XDG_CACHE_HOME/gazette or ~/.cache/gazette); the cache is rebuilt \
        when a list changes. Its content hash is stamped on every output record ("gazette": "0.1.0+gaz.<hash>").

        Examples:
          gazette gazetteer compile
          gazette gazetteer lookup Xinjiang "the UAE" Q148
          gazette gazetteer lookup --gazetteer my-companies.jsonl "Acme"
          gazette gazetteer stats
        """,
        subcommands: [GazetteerCompileCommand.self, GazetteerLookupCommand.self, GazetteerStatsCommand.self, GazetteerMeasureCommand.self]
    )
}

/// Options shared by the gazetteer subcommands.
struct GazetteerOptions: ParsableArguments {
    @OptionGroup var resourceOptions: ResourceOptions

    @Option(name: .customLong("cache-dir"), help: "Folder for the compiled gazetteer (default: $GAZETTE_CACHE_DIR, $XDG_CACHE_HOME/gazette or ~/.cache/gazette).")
    var cacheDirectory: String?

    @Flag(name: .customLong("no-cache"), help: "Compile in memory; neither read nor write a cache file.")
    var noCache = false

    var cache: GazetteerCache {
        if noCache { return .disabled }
        return cacheDirectory.map { .directory($0) } ?? .automatic
    }

    /// The gazetteer and the segmenter it was compiled with.
    func load(compiling: Bool = false) throws -> (Gazetteer, GazetteerStore.Report, Segmenter, Double) {
        do {
            let directory = try resourceOptions.directory()
            var reader = ResourceReader(directory)
            let segmenter = try Segmenter.standard(&reader)
            let stamped = GazetteerStore.files(in: "Models", of: directory)
            let clock = ContinuousClock()
            let start = clock.now
            let (gazetteer, report) = compiling
                ? try GazetteerStore.compile(resources: directory, userLists: resourceOptions.gazetteers, stampedFiles: stamped, cache: cache, segmenter: segmenter)
                : try GazetteerStore.load(resources: directory, userLists: resourceOptions.gazetteers, stampedFiles: stamped, cache: cache, segmenter: segmenter)
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            return (gazetteer, report, segmenter, seconds)
        } catch {
            printError("gazette: \(error)")
            throw ExitCode(2)
        }
    }
}

extension GazetteerStore.Report {
    var summary: String {
        switch origin {
        case .cache: return "loaded from cache \(cachePath ?? "-")"
        case .restamped: return "reused compiled lists under a new hash (\(cacheWritten ? "cache \(cachePath ?? "-") updated" : "no cache written"))"
        case let .compiled(reason):
            let cache = cachePath.map { cacheWritten ? "written to \($0)" : "could not write \($0)" } ?? "no cache"
            return "compiled (\(reason)); \(cache)"
        }
    }
}

/// `gazette gazetteer compile`
struct GazetteerCompileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile the gazetteers now and write the cache (otherwise done on first use)."
    )

    @OptionGroup var options: GazetteerOptions

    func run() throws {
        let (gazetteer, report, _, seconds) = try options.load(compiling: true)
        print("gazetteer \(gazetteer.contentHash): \(gazetteer.entryCount) entries, \(gazetteer.aliasCount) names matched in text, \(gazetteer.lookupOnlyCount) lookup-only")
        print("\(report.summary) in \(String(format3(seconds))) s; \(gazetteer.compiledSize) bytes")
    }
}

/// `gazette gazetteer lookup NAME…`
struct GazetteerLookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Print what the gazetteers know about names (or ids such as Q148, geonames:1529047).",
        discussion: "Names are compared by matching keys: case, diacritics, quotes, dashes and the periods of \"U.S.\" do not matter."
    )

    @OptionGroup var options: GazetteerOptions

    @Argument(help: "Names or ids to look up.")
    var names: [String]

    func run() throws {
        let (gazetteer, _, segmenter, _) = try options.load()
        var missing = 0
        for name in names {
            var hits = (try? gazetteer.lookup(name, segmenter: segmenter)) ?? []
            if hits.isEmpty, name.lowercased().hasPrefix("the ") {
                // Names are listed without a leading article ("the UAE" is matched as "UAE").
                hits = (try? gazetteer.lookup(String(name.dropFirst(4)), segmenter: segmenter)) ?? []
            }
            if hits.isEmpty, looksLikeID(name) {
                hits = gazetteer.entries(withID: name).map { GazetteerHit(entry: $0, surface: name, policy: "by id") }
            }
            guard !hits.isEmpty else {
                print("\(name): not in the gazetteers")
                missing += 1
                continue
            }
            let distinct = Set(hits.filter { !$0.policy.hasPrefix("lookup only") }.map { "\($0.entry.source) \($0.entry.id ?? $0.entry.name)" })
            let shared = distinct.count > 1 ? " (\(distinct.count) entries share this name: linked only where one prior leads the others of its label by \(GazetteerTagger.dominanceMargin))" : ""
            print("\(name):\(shared)")
            for hit in hits {
                let entry = hit.entry
                print("  \(entry.label)\t\(entry.id ?? "-")\t\(entry.name)")
                var facts = ["source \(entry.source)", "form \"\(hit.surface)\" (\(hit.policy))", "prior \(format3(entry.prior))"]
                if let kind = entry.kind { facts.append("kind \(kind)") }
                if let country = entry.country { facts.append("country \(country)") }
                if entry.ambiguous { facts.append("ambiguous") }
                print("    " + facts.joined(separator: "; "))
                if let description = entry.description { print("    \(description)") }
                if !entry.aliases.isEmpty {
                    let shown = entry.aliases.prefix(12).joined(separator: " | ")
                    print("    aliases: \(shown)\(entry.aliases.count > 12 ? " | … (\(entry.aliases.count) in all)" : "")")
                }
                if !entry.xrefs.isEmpty { print("    also: \(entry.xrefs.joined(separator: ", "))") }
            }
        }
        if missing == names.count { throw ExitCode(1) }
    }

    private func looksLikeID(_ text: String) -> Bool {
        text.contains(":") || (text.first == "Q" && text.dropFirst().allSatisfy(\.isNumber) && text.count > 1)
    }
}

/// `gazette gazetteer stats`
struct GazetteerStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count the gazetteers' entries and names by label, kind, source and case policy."
    )

    @OptionGroup var options: GazetteerOptions

    @Option(help: ArgumentHelp("Also check a word list (one word per line): how many words, written capitalised, the gazetteers would tag and under which policy.", valueName: "file"))
    var probe: String?

    func run() throws {
        let (gazetteer, report, segmenter, seconds) = try options.load()
        let statistics = gazetteer.statistics
        print("gazetteer \(gazetteer.contentHash): \(report.summary) in \(format3(seconds)) s")
        print("entries \(gazetteer.entryCount) (\(statistics.withID) with ids); names matched in text \(gazetteer.aliasCount); lookup-only \(gazetteer.lookupOnlyCount)")
        print("vocabulary \(gazetteer.vocabularyCount) keys; trie \(gazetteer.nodeCount) nodes; compiled \(gazetteer.compiledSize) bytes")
        printTable("by label", statistics.byLabel)
        printTable("by source (entries)", statistics.bySource)
        printTable("by source (names matched in text)", statistics.formsBySource)
        printTable("by label and kind", statistics.byKind)
        printTable("names by case policy", statistics.formsByPolicy)
        if let probe { try runProbe(probe, gazetteer: gazetteer, segmenter: segmenter) }
    }

    private func printTable(_ title: String, _ counts: [String: Int]) {
        print("\(title):")
        for (key, count) in counts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            print("  \(String(count).leftPadded(8))  \(key)")
        }
    }

    /// Which words of a list, capitalised as in mid-sentence text, the gazetteers would tag: without conditions,
    /// or only with supporting context (the flagged common-word names).
    private func runProbe(_ path: String, gazetteer: Gazetteer, segmenter: Segmenter) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            printError("gazette: cannot read \(path)")
            throw ExitCode(2)
        }
        var words: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let word = line.trimmingSpaces()
            guard !word.isEmpty, !word.hasPrefix("#"), !word.contains("'") else { continue }
            words.append(word.prefix(1).uppercased() + word.dropFirst())
        }
        var plain: [String] = [], withContext: [String] = []
        for word in words {
            let hits = ((try? gazetteer.lookup(word, segmenter: segmenter)) ?? []).filter { Self.admitsCapitalized($0) }
            if hits.contains(where: { !$0.policy.contains("needs context") }) {
                plain.append(word + " (" + Set(hits.map { "\($0.entry.label) \($0.entry.name)" }).sorted().prefix(2).joined(separator: "; ") + ")")
            } else if !hits.isEmpty {
                withContext.append(word)
            }
        }
        print("probe \(path): \(words.count) words, written capitalised mid-sentence")
        print("  \(String(plain.count).leftPadded(6)) tagged without conditions: \(plain.joined(separator: ", "))")
        print("  \(String(withContext.count).leftPadded(6)) tagged only with supporting context: \(withContext.prefix(60).joined(separator: ", "))\(withContext.count > 60 ? ", …" : "")")
    }

    /// Whether a capitalised word ("Nice") satisfies a hit's surface form and policy.
    private static func admitsCapitalized(_ hit: GazetteerHit) -> Bool {
        if hit.policy.hasPrefix("lookup only") { return false }
        let letters = hit.surface.filter(\.isLetter)
        if letters.count >= 2, letters.allSatisfy({ $0.isUppercase }) { return false }
        if hit.policy.hasPrefix("exact case") {
            guard let first = letters.first, first.isUppercase else { return false }
            return letters.dropFirst().allSatisfy { !$0.isUppercase }
        }
        return true
    }
}

func format3(_ value: Double) -> String {
    let scaled = (value * 1000).rounded() / 1000
    return String(scaled)
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
