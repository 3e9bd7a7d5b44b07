import Gazette
import GazetteRuntime

/// Reads WARC records from a decompressed stream (libarchive's raw format, or `GunzipReader` for gzip files;
/// libarchive's own WARC reader hides the record ids and full URIs). Each `response` record holding an HTML or
/// plain-text HTTP body is one document: id = WARC-Record-ID, with `url` (WARC-Target-URI) and `date` (WARC-Date)
/// kept. Other records are skipped and counted (`counts`).
///
/// Leniently, as warcio and real crawls need: header lines may end in "\r\n", "\n" or "\r\r\n"; a Content-Length
/// that does not end the record where the next one starts is corrected from the next `WARC/1.x` line (the record is
/// still read); bytes that are not a record (or a header too damaged to use) become one error record naming the file,
/// the record or byte offset, and reading goes on at the next record start; records cut by damaged gzip data
/// become error records.
struct WARCReader {
    var source: String
    var maxDocumentBytes: Int
    /// What happened to every record read so far.
    var counts = WebRecordCounts()
    /// Room for the HTTP status line and headers above the body limit.
    static let headerAllowance = 1 << 16
    /// The end of one record and the start of the next, searched for in blocks too large to keep.
    static let recordStop = Array("\r\n\r\nWARC/1.".utf8)
    /// The same in files whose lines end in a bare line feed.
    static let lineFeedRecordStop = Array("\n\nWARC/1.".utf8)

    init(source: String, maxDocumentBytes: Int) {
        self.source = source
        self.maxDocumentBytes = maxDocumentBytes
    }

    private func field(_ name: String, _ value: String) -> JSONLWriter.PassthroughField {
        JSONLWriter.PassthroughField(name: name, rawValue: JSONString.quoted(value))
    }

    /// Whether `line` (without its line end) starts a WARC record: "WARC/" and a version number.
    static func isVersionLine(_ line: [UInt8]) -> Bool {
        line.count >= 6 && line.starts(with: Array("WARC/".utf8)) && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[5])
    }

    /// The index of the first line in `block` (not its first) that starts a WARC record, nil when none does.
    static func recordStart(in block: [UInt8]) -> Int? {
        let marker = Array("\nWARC/".utf8)
        var from = block.startIndex
        while let found = block[from...].firstRange(of: marker) {
            let line = found.lowerBound + 1
            if line + 6 <= block.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(block[line + 5]) { return line }
            from = found.upperBound
        }
        return nil
    }

    /// `bytes` as text without leading and trailing spaces and tabs, ASCII letters lowercased if `lowercased`.
    static func text(_ bytes: ArraySlice<UInt8>, lowercased: Bool = false) -> String {
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !blank($0) }), let last = bytes.lastIndex(where: { !blank($0) }) else { return "" }
        let trimmed = bytes[first...last]
        guard lowercased else { return String(decoding: trimmed, as: UTF8.self) }
        return String(decoding: trimmed.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// `value` without the angle brackets (and spaces) around it: "<urn:uuid:1>" is "urn:uuid:1".
    static func unbracketed(_ value: String) -> String {
        let strip: (UInt8) -> Bool = { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: " ") }
        let bytes = Array(value.utf8)
        guard let first = bytes.firstIndex(where: { !strip($0) }), let last = bytes.lastIndex(where: { !strip($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// `bytes` without trailing "\r" (header lines ending in "\r\r\n").
    static func droppingCarriageReturns(_ bytes: [UInt8]) -> [UInt8] {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return end == bytes.count ? bytes : Array(bytes[..<end])
    }

    /// `block` without the line ends that close a record.
    static func droppingRecordEnd(_ block: [UInt8]) -> [UInt8] {
        var end = block.count
        while end > 0, block[end - 1] == UInt8(ascii: "\n") || block[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return Array(block[..<end])
    }

    /// Reads every record from `buffer`, which reads `stream`, handing documents (and error records for damage,
    /// including what `stream` skipped) to `emit` until it returns false.
    mutating func read<Stream: DamageReportingSource>(_ buffer: LineReader<Stream>, of stream: Stream, emit: (FoundDocument) -> Bool) {
        var recordNumber = 0
        /// The offset of a record start whose version line was read while looking for something else.
        var pending: Int?
        var previous = "the start of the file"
        var stopped = false

        func send(_ document: FoundDocument) {
            if !stopped && !emit(document) { stopped = true }
        }
        /// An error record: for a record (`id` when it has one) or for bytes between records.
        func damaged(_ message: String, record: Bool = false, id: String? = nil, offset: Int) {
            if record { counts.damaged += 1 } else { counts.strays += 1 }
            let label = id ?? "\(source)#byte-\(offset)"
            send(FoundDocument(id: label, fields: [field("source", source)], location: "\(source) byte \(offset)",
                               content: .failure(GazetteError(.unreadableInput, "\(source): \(message)"))))
        }
        /// Reports damage the decompressor skipped before `offset` as error records of their own.
        func reportDamage(upTo offset: Int) {
            for damage in stream.takeDamage(upTo: offset) {
                counts.skippedBytes += damage.skippedBytes
                damaged("\(damage.description), after \(previous)", offset: damage.streamOffset)
            }
        }
        /// Reads lines up to the next record start (returned with its offset), collecting up to `collect` bytes.
        func skipToRecordStart(collect: Int = 0) throws(ArchiveHandle.ReadError) -> (start: Int?, collected: [UInt8]) {
            var collected: [UInt8] = []
            while true {
                let offset = buffer.offset
                guard let line = try buffer.nextLine(limit: Self.headerAllowance) else { return (nil, collected) }
                guard case let .line(bytes) = line else { continue }
                if let damage = stream.nextDamageOffset, offset < damage, damage < buffer.offset {
                    // Damaged gzip data inside the line: what follows it came from the next sound member, where the
                    // next record may start. It is read again (and the damage reported by the caller).
                    buffer.unreadLine(bytes, startingAt: offset, after: damage)
                    if collected.count < collect { collected.append(contentsOf: bytes.prefix(min(damage - offset, collect - collected.count))) }
                    continue
                }
                if Self.isVersionLine(bytes) { return (offset, collected) }
                if collected.count < collect {
                    collected.append(contentsOf: bytes.prefix(collect - collected.count))
                    collected.append(UInt8(ascii: "\n"))
                }
            }
        }
        /// What follows a block: the next record start (after blank lines) or the end of the file; the record's
        /// closing blank lines and then something else; or neither (the block did not end where announced).
        func afterBlock() throws(ArchiveHandle.ReadError) -> AfterBlock {
            let next = try buffer.peek(count: 64)
            let rest = next.drop { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
            if rest.isEmpty || rest.starts(with: Array("WARC/".utf8)) || (rest.count < 5 && Array("WARC/".utf8).starts(with: rest)) {
                return .recordStart
            }
            return next.starts(with: Array("\r\n\r\n".utf8)) || next.starts(with: Array("\n\n".utf8)) ? .recordEnd : .neither
        }

        do {
            while !stopped {
                // The next record start, skipping blank lines and reporting anything else as not a record.
                let recordStart: Int
                if let found = pending {
                    recordStart = found
                    pending = nil
                } else {
                    let offset = buffer.offset
                    guard let line = try buffer.nextLine(limit: Self.headerAllowance) else { break }
                    if case let .line(bytes) = line, Self.droppingCarriageReturns(bytes).isEmpty { continue }
                    if case let .line(bytes) = line, Self.isVersionLine(bytes) {
                        recordStart = offset
                    } else {
                        reportDamage(upTo: offset)
                        let (next, _) = try skipToRecordStart()
                        let skipped = (next ?? buffer.offset) - offset
                        counts.skippedBytes += skipped
                        damaged("\(skipped) bytes that are not a WARC record skipped at byte \(offset), after \(previous)", offset: offset)
                        reportDamage(upTo: next ?? buffer.offset)
                        guard let next else { break }
                        pending = next
                        continue
                    }
                }
                reportDamage(upTo: recordStart)
                recordNumber += 1
                counts.records += 1

                // The record header.
                var headers: [String: String] = [:]
                var lastName: String?
                var headerProblem: String?
                /// Whether the header ended in a bare line feed (the block then ends in "\n\n" too).
                var lineFeedOnly = false
                /// Damaged gzip data inside the header.
                var headerCut: [StreamDamage] = []
                headerLines: while true {
                    let offset = buffer.offset
                    guard let line = try buffer.nextLine(limit: Self.headerAllowance) else {
                        headerProblem = "record header cut short by the end of the file"
                        break
                    }
                    guard case let .line(raw) = line else {
                        headerProblem = "record header line longer than \(Self.headerAllowance) bytes"
                        break
                    }
                    headerCut = stream.takeDamage(upTo: buffer.offset - 1)
                    if let last = headerCut.last {
                        // The header breaks off in damaged gzip data, and what follows (glued to this line) came from
                        // the next sound member: read again from the damage, where the next record may start.
                        buffer.unreadLine(raw, startingAt: offset, after: last.streamOffset)
                        break
                    }
                    let bytes = Self.droppingCarriageReturns(raw)
                    if bytes.isEmpty {
                        lineFeedOnly = buffer.offset - offset == 1
                        break
                    }
                    if Self.isVersionLine(bytes) {
                        headerProblem = "record header cut short by the next record"
                        pending = offset
                        break headerLines
                    }
                    if bytes[0] == UInt8(ascii: " ") || bytes[0] == UInt8(ascii: "\t"), let name = lastName {
                        headers[name, default: ""] += " " + Self.text(bytes[...])
                        continue
                    }
                    guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { continue }
                    let name = Self.text(bytes[..<colon], lowercased: true)
                    if headers[name] == nil { headers[name] = Self.text(bytes[(colon + 1)...]) }
                    lastName = name
                }
                let id = headers["warc-record-id"].map(Self.unbracketed)
                let label = id.map { "record \($0)" } ?? "record \(recordNumber) (byte \(recordStart))"
                if !headerCut.isEmpty {
                    counts.skippedBytes += headerCut.reduce(0) { $0 + $1.skippedBytes }
                    let what = headerCut.map(\.description).joined(separator: "; ")
                    damaged("\(label): header cut by damaged gzip data (\(what))", record: true, id: id, offset: recordStart)
                    previous = label
                    continue
                }
                if let headerProblem {
                    damaged("\(label): \(headerProblem)", record: true, id: id, offset: recordStart)
                    previous = label
                    continue
                }
                guard let lengthText = headers["content-length"], let length = Int(lengthText), length >= 0 else {
                    let (next, _) = try skipToRecordStart()
                    counts.skippedBytes += (next ?? buffer.offset) - recordStart
                    damaged("\(label): missing or bad Content-Length (\(headers["content-length"] ?? "none")); skipped to the next record", record: true,
                            id: id, offset: recordStart)
                    previous = label
                    pending = next
                    continue
                }

                // The block: Content-Length bytes, unless the next record starts elsewhere.
                let keep = maxDocumentBytes + Self.headerAllowance
                let blockStart = buffer.offset
                let (kept, truncated, stoppedAt) = try buffer.readBlock(count: length, keep: keep,
                                                                        stop: lineFeedOnly ? Self.lineFeedRecordStop : Self.recordStop)
                let readCount = buffer.offset - blockStart
                if kept.count == readCount, readCount > 0 {
                    let cut = stream.takeDamage(upTo: buffer.offset - 1)
                    if let last = cut.last {
                        // Damaged gzip data inside the block: what follows the damage came from the next sound member,
                        // and may start the next records, which this block's length ran over: read it again.
                        buffer.unread(kept[(max(last.streamOffset, blockStart) - blockStart)...])
                        counts.skippedBytes += cut.reduce(0) { $0 + $1.skippedBytes }
                        let what = cut.map(\.description).joined(separator: "; ")
                        damaged("\(label): cut by damaged gzip data (\(what))", record: true, id: id, offset: recordStart)
                        previous = label
                        continue
                    }
                }
                var block = kept
                var complete = kept.count == readCount
                var repaired = false
                let after = stoppedAt == nil && !truncated ? try afterBlock() : .recordStart
                if stoppedAt != nil {
                    repaired = true
                } else if truncated || after != .recordStart {
                    if complete, let start = Self.recordStart(in: kept) {
                        // Announced too long: the next record starts inside the block.
                        buffer.unread(kept[start...])
                        block = Self.droppingRecordEnd(Array(kept[..<start]))
                        complete = true
                        repaired = true
                    } else if truncated {
                        // The file ends inside the block: what there is is read.
                        repaired = true
                    } else if after == .neither {
                        // Announced too short: the block goes on up to the next record start.
                        let (next, rest) = try skipToRecordStart(collect: complete ? keep - kept.count : 0)
                        if complete { block = Self.droppingRecordEnd(kept + rest) }
                        pending = next
                        repaired = true
                    }
                    // Else the record ended properly and bytes that are not a record follow: reported next.
                }
                let recordEnd = buffer.offset
                previous = label
                if repaired { counts.repaired += 1 }
                let inside = stream.takeDamage(upTo: recordEnd)
                if !inside.isEmpty {
                    counts.skippedBytes += inside.reduce(0) { $0 + $1.skippedBytes }
                    let what = inside.map(\.description).joined(separator: "; ")
                    damaged("\(label): cut by damaged gzip data (\(what))", record: true, id: id, offset: recordStart)
                    continue
                }

                let type = headers["warc-type"]?.lowercased() ?? ""
                guard type == "response" else {
                    if type == "revisit" { counts.revisit += 1 } else { counts.notResponse += 1 }
                    continue
                }
                guard headers["content-type"]?.lowercased().hasPrefix("application/http") == true else {
                    counts.notHTTP += 1
                    continue
                }
                var fields = [field("source", source)]
                if let url = headers["warc-target-uri"] { fields.append(field("url", Self.unbracketed(url))) }
                if let date = headers["warc-date"] { fields.append(field("date", date)) }
                let document = FoundDocument(id: id ?? "\(source)#\(recordNumber)", fields: fields, location: "\(source) \(label)",
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

/// What follows a WARC record's block (see `WARCReader.read`).
enum AfterBlock {
    case recordStart, recordEnd, neither
}

/// The HTTP message of a WARC or ARC response record, as a document or a reason to skip it.
enum WebPayload {
    /// The document for `block`, an HTTP response (nil when skipped, counted in `counts`). `complete` is false when
    /// the block was larger than the reader keeps (it then becomes a "too large" error record).
    static func document(_ block: [UInt8], complete: Bool, counts: inout WebRecordCounts, document: FoundDocument,
                         maxDocumentBytes: Int) -> FoundDocument? {
        var document = document
        guard let response = HTTPResponse(block) else {
            if HTTPResponse.startsLikeHTTP(block) {
                counts.documents += 1
                document.content = .failure(GazetteError(.unusableContent, "\(document.location): malformed HTTP response"))
                return document
            }
            counts.notHTTP += 1
            return nil
        }
        guard (200..<300).contains(response.status) else {
            counts.notSuccess += 1
            return nil
        }
        guard let body = response.bodyKind else {
            counts.notText += 1
            return nil
        }
        counts.documents += 1
        guard complete else {
            document.content = .failure(GazetteError(.documentTooLarge, "\(document.location): more than \(maxDocumentBytes) bytes (--max-document-bytes)"))
            return document
        }
        document.content = .httpBody(Array(block[response.bodyStart...]), body)
        return document
    }
}
