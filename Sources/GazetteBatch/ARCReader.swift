import Gazette
import GazetteRuntime

/// Reads ARC files (the Internet Archive's format before WARC; `.arc`, `.arc.gz`) from a decompressed stream.
/// Each record is one header line, `URL IP-address Archive-date Content-type Archive-length` (version 1) or with
/// five more fields before the length (version 2), a newline, then Archive-length bytes: for web captures an HTTP
/// response. The first record (`filedesc://...`) is the version block. HTTP responses with a 2xx status and an HTML or
/// plain-text body become documents, as in `WARCReader`: id = "<Archive-date>/<URL>" (as the Wayback Machine names a
/// capture), with `url` and `date` (the 14-digit Archive-date) kept. A URL may hold spaces: fields count from the end.
/// A wrong Archive-length is corrected from the next header line (ARC records have no end mark, so bytes after a
/// record up to the next header line belong to it); a line that is not a record header where one should start (at
/// the start of the file, say) is skipped up to the next one and reported as an error record.
struct ARCReader {
    var source: String
    var maxDocumentBytes: Int
    /// What happened to every record read so far.
    var counts = WebRecordCounts()

    init(source: String, maxDocumentBytes: Int) {
        self.source = source
        self.maxDocumentBytes = maxDocumentBytes
    }

    /// The fields of one ARC record header line.
    struct Header: Equatable {
        var url: String
        var date: String
        var contentType: String
        /// Archive-length; nil when not a number (such records hold nothing readable).
        var length: Int?
    }

    /// Parses a record header line; nil when `line` is not one (too few fields, no URL scheme, no date digits).
    static func header(_ line: [UInt8], version: Int) -> Header? {
        let text = String(decoding: WARCReader.droppingCarriageReturns(line), as: UTF8.self)
        let fields = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let after = version == 2 ? 9 : 4 // fields after the URL
        guard fields.count > after, fields[0].contains(":") else { return nil }
        let url = fields[0..<(fields.count - after)].joined(separator: " ")
        let date = fields[fields.count - after + 1]
        guard date.count >= 8, date.allSatisfy(\.isASCII), date.allSatisfy(\.isNumber) else { return nil }
        let length = Int(fields[fields.count - 1]).flatMap { $0 >= 0 ? $0 : nil }
        return Header(url: url, date: date, contentType: fields[fields.count - after + 2], length: length)
    }

    /// Whether `next` (the bytes after a record) starts, after blank lines, with a record header line, or is empty.
    private func startsRecord(_ next: ArraySlice<UInt8>, version: Int) -> Bool {
        let rest = next.drop { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
        guard !rest.isEmpty else { return true }
        let line = rest.prefix { $0 != UInt8(ascii: "\n") }
        return Self.header(Array(line), version: version) != nil
    }

    /// The index of the first line in `block` (not its first) that is a record header line, nil when none is. The
    /// last line may go on in `following` (the bytes after the block).
    static func headerStart(in block: [UInt8], following: ArraySlice<UInt8>, version: Int) -> Int? {
        var index = block.startIndex
        while let newline = block[index...].firstIndex(of: UInt8(ascii: "\n")) {
            let start = newline + 1
            guard start < block.count else { return nil }
            var line = Array(block[start..<(block[start...].firstIndex(of: UInt8(ascii: "\n")) ?? block.count)])
            if start + line.count == block.count { line += following.prefix { $0 != UInt8(ascii: "\n") } }
            if header(line, version: version) != nil { return start }
            index = start
        }
        return nil
    }

    private func field(_ name: String, _ value: String) -> JSONLWriter.PassthroughField {
        JSONLWriter.PassthroughField(name: name, rawValue: JSONString.quoted(value))
    }

    /// Reads every record from `buffer`, which reads `stream`, handing documents (and error records for damage,
    /// including what `stream` skipped) to `emit` until it returns false.
    mutating func read<Stream: DamageReportingSource>(_ buffer: LineReader<Stream>, of stream: Stream, emit: (FoundDocument) -> Bool) {
        var version = 1
        var previous = "the start of the file"
        var stopped = false
        let keep = maxDocumentBytes + WARCReader.headerAllowance
        func send(_ document: FoundDocument) {
            if !stopped && !emit(document) { stopped = true }
        }
        /// An error record: for a record or for bytes between records.
        func damaged(_ message: String, record: Bool = false, offset: Int) {
            if record { counts.damaged += 1 } else { counts.strays += 1 }
            send(FoundDocument(id: "\(source)#byte-\(offset)", fields: [field("source", source)], location: "\(source) byte \(offset)",
                               content: .failure(GazetteError(.unreadableInput, "\(source): \(message)"))))
        }
        func reportDamage(upTo offset: Int) {
            for damage in stream.takeDamage(upTo: offset) {
                counts.skippedBytes += damage.skippedBytes
                damaged("\(damage.description), after \(previous)", offset: damage.streamOffset)
            }
        }
        /// Damaged gzip data inside the line just read (it began at `offset`): the damage is reported, and what follows
        /// it, which came from the next sound member and may start a record, is read again. False when there is none.
        func splitAtDamage(_ raw: [UInt8], from offset: Int) -> Bool {
            let cut = stream.takeDamage(upTo: buffer.offset - 1)
            guard let last = cut.last else { return false }
            for damage in cut {
                counts.skippedBytes += damage.skippedBytes
                damaged("\(damage.description), after \(previous)", offset: damage.streamOffset)
            }
            buffer.unreadLine(raw, startingAt: offset, after: last.streamOffset)
            return true
        }

        do {
            var pending: (header: Header, offset: Int)?
            while !stopped {
                let header: Header
                let recordStart: Int
                if let found = pending {
                    (header, recordStart) = found
                    pending = nil
                } else {
                    let offset = buffer.offset
                    guard let line = try buffer.nextLine(limit: WARCReader.headerAllowance) else { break }
                    if case let .line(bytes) = line, splitAtDamage(bytes, from: offset) { continue }
                    if case let .line(bytes) = line, WARCReader.droppingCarriageReturns(bytes).isEmpty { continue }
                    if case let .line(bytes) = line, let parsed = Self.header(bytes, version: version) {
                        (header, recordStart) = (parsed, offset)
                    } else {
                        // Not a record header: skip to the next one.
                        reportDamage(upTo: offset)
                        var skippedTo = buffer.offset
                        while let next = try buffer.nextLine(limit: WARCReader.headerAllowance) {
                            if case let .line(bytes) = next, splitAtDamage(bytes, from: skippedTo) { break }
                            if case let .line(bytes) = next, let parsed = Self.header(bytes, version: version) {
                                pending = (parsed, skippedTo)
                                break
                            }
                            skippedTo = buffer.offset
                        }
                        counts.skippedBytes += skippedTo - offset
                        damaged("\(skippedTo - offset) bytes that are not an ARC record skipped at byte \(offset), after \(previous)", offset: offset)
                        continue
                    }
                }
                reportDamage(upTo: recordStart)
                counts.records += 1
                let label = "record \(header.date) \(header.url)"
                previous = label
                let length = header.length ?? 0
                let blockStart = buffer.offset
                var (block, truncated, _) = try buffer.readBlock(count: length, keep: keep, stop: nil)
                var complete = block.count == buffer.offset - blockStart
                if complete, !block.isEmpty {
                    let cut = stream.takeDamage(upTo: buffer.offset - 1)
                    if let last = cut.last {
                        // Damaged gzip data inside the block: what follows the damage came from the next sound member,
                        // and may start the next records, which this block's length ran over: read it again.
                        buffer.unread(block[(max(last.streamOffset, blockStart) - blockStart)...])
                        counts.skippedBytes += cut.reduce(0) { $0 + $1.skippedBytes }
                        damaged("\(label): cut by damaged gzip data (\(cut.map(\.description).joined(separator: "; ")))", record: true, offset: recordStart)
                        continue
                    }
                }
                let following = try buffer.peek(count: 4096)
                let followedByRecord = truncated ? false : startsRecord(following, version: version)
                // A wrong Archive-length: the record ends where the next header line starts.
                if complete && !followedByRecord {
                    if let start = Self.headerStart(in: block, following: following, version: version) {
                        buffer.unread(block[start...])
                        block = Array(block[..<start])
                        counts.repaired += 1
                    } else if !truncated {
                        var rest: [UInt8] = []
                        var lineStart = buffer.offset
                        while !startsRecord(try buffer.peek(count: 4096), version: version),
                              let line = try buffer.nextLine(limit: WARCReader.headerAllowance) {
                            if let damage = stream.nextDamageOffset, damage < buffer.offset {
                                // Damaged gzip data: what follows it came from the next sound member, and belongs to
                                // no line of this record. It is read again; the record is reported as cut below.
                                if case let .line(bytes) = line { buffer.unreadLine(bytes, startingAt: lineStart, after: damage) }
                                break
                            }
                            if case let .line(bytes) = line, block.count + rest.count < keep { rest += bytes + [0x0a] }
                            lineStart = buffer.offset
                        }
                        block += rest
                        complete = block.count <= keep
                        counts.repaired += 1
                    }
                }
                let inside = stream.takeDamage(upTo: buffer.offset)
                if !inside.isEmpty {
                    counts.skippedBytes += inside.reduce(0) { $0 + $1.skippedBytes }
                    damaged("\(label): cut by damaged gzip data (\(inside.map(\.description).joined(separator: "; ")))", record: true, offset: recordStart)
                    continue
                }
                if header.url.hasPrefix("filedesc:") {
                    // The version block: its second line says the version ("1 0 ..." or "2 0 ...").
                    if let secondLine = block.split(separator: UInt8(ascii: "\n")).first, secondLine.first == UInt8(ascii: "2") { version = 2 }
                    counts.notResponse += 1
                    continue
                }
                guard header.url.lowercased().hasPrefix("http") else {
                    counts.notResponse += 1 // dns: and other captures
                    continue
                }
                let fields = [field("source", source), field("url", header.url), field("date", header.date)]
                let document = FoundDocument(id: "\(header.date)/\(header.url)", fields: fields, location: "\(source) \(label)",
                                             content: .text([]))
                if let found = WebPayload.document(block, complete: complete, counts: &counts, document: document,
                                                   maxDocumentBytes: maxDocumentBytes) {
                    send(found)
                }
            }
            reportDamage(upTo: Int.max)
        } catch {
            damaged("read error after \(previous) (truncated or corrupt): \(error.message)", offset: buffer.offset)
        }
    }
}
