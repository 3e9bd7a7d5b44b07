import Gazette
import GazetteRuntime

/// A document found by a `SourceReader`, before it gets its position in the batch.
struct FoundDocument {
    var id: String?
    var fields: [JSONLWriter.PassthroughField]
    var location: String
    var content: BatchItem.Content
}

/// Reads the documents of one source in a fixed order. Decoding that can wait (HTML, HTTP encodings, charsets) is
/// left to the workers; reading and decompressing the source itself happens here, on the reader thread.
struct SourceReader {
    var maxDocumentBytes: Int
    /// Members and records skipped because of their kind (count and a few names for the summary).
    var unsupported = 0
    var unsupportedExamples: [String] = []
    /// What the WARC and ARC readers did with the records of the files read so far.
    var webRecords = WebRecordCounts()

    init(maxDocumentBytes: Int) {
        self.maxDocumentBytes = maxDocumentBytes
    }

    /// Reads `source`, handing each document to `emit` until it returns false. `progress` gets the bytes of the
    /// file read so far.
    mutating func read(_ source: BatchSource, progress: (Int) -> Void, emit: (FoundDocument) -> Bool) {
        switch source.kind {
        case .text, .html, .json, .unsupported:
            readSingle(source, emit: emit)
            progress(source.size)
        case .jsonLines:
            readStream(source, progress: progress, emit: emit) { buffer, archive in _ = readLines(of: buffer, source: source, member: nil, emit: emit) }
        case .warc, .arc:
            readWebArchive(source, progress: progress, emit: emit)
        case .archive:
            readArchive(source, progress: progress, emit: emit)
        case let .unreadableContainer(format):
            let message = "\(source.path): a \(format), which gazette batch does not read (it reads tar, zip and their compressed forms)"
            var document = failedSource(source, "")
            document.content = failure(message, .unusableContent)
            _ = emit(document)
            progress(source.size)
        }
    }

    private func fields(source: String, member: String?) -> [JSONLWriter.PassthroughField] {
        var fields = [JSONLWriter.PassthroughField(name: "source", rawValue: JSONString.quoted(source))]
        if let member { fields.append(JSONLWriter.PassthroughField(name: "member", rawValue: JSONString.quoted(member))) }
        return fields
    }

    /// A document that could not be read: unreadable (GZ105: damaged, truncated, missing) unless `code` says
    /// otherwise (GZ108: too large).
    private func failure(_ message: String, _ code: GazetteError.Code = .unreadableInput) -> BatchItem.Content {
        .failure(GazetteError(code, message))
    }

    /// A file that is one document (found in a directory or named on the command line).
    private func readSingle(_ source: BatchSource, emit: (FoundDocument) -> Bool) {
        let location = source.member.map { "\(source.name): \($0)" } ?? source.path
        var document = FoundDocument(id: source.path, fields: fields(source: source.name, member: source.member), location: location,
                                     content: .text([]))
        do {
            let archive = try ArchiveHandle.open(path: source.path, mode: .raw(decompress: source.compressed))
            if try archive.nextEntry() == nil {
                document.content = content(of: [], kind: source.kind, line: nil)
            } else {
                switch try archive.readEntry(limit: maxDocumentBytes) {
                case let .bytes(bytes): document.content = content(of: bytes, kind: source.kind, line: nil)
                case .tooLarge: document.content = failure("\(location): larger than \(maxDocumentBytes) bytes (--max-document-bytes)", .documentTooLarge)
                }
            }
        } catch {
            document.content = failure("\(location): \(error.message)")
        }
        _ = emit(document)
    }

    private func content(of bytes: [UInt8], kind: InputKind, line: Int?) -> BatchItem.Content {
        switch kind {
        case .html: .html(bytes, charset: nil)
        case .json: .json(bytes, line: line ?? 1)
        default: .text(bytes)
        }
    }

    /// A JSON Lines file read as one stream, decompressed if it is compressed.
    private func readStream(_ source: BatchSource, progress: (Int) -> Void, emit: (FoundDocument) -> Bool, body: (LineReader<ArchiveHandle>, ArchiveHandle) throws(ArchiveHandle.ReadError) -> Void) {
        do {
            let archive = try ArchiveHandle.open(path: source.path, mode: .raw(decompress: source.compressed))
            guard try archive.nextEntry() != nil else { return }
            let buffer = LineReader(archive)
            try body(buffer, archive)
        } catch {
            // Opening failed; errors while reading are reported by the readers themselves.
            _ = emit(failedSource(source, error.message))
        }
        progress(source.size)
    }

    /// A WARC or ARC file, decompressed if it is compressed: a gzip file by `GunzipReader`, which skips damaged
    /// members and garbage between members (and says where), anything else by libarchive.
    private mutating func readWebArchive(_ source: BatchSource, progress: (Int) -> Void, emit: (FoundDocument) -> Bool) {
        do {
            if source.compressed && GunzipReader.isGzip(path: source.path) {
                readRecords(of: source, from: try GunzipReader(path: source.path), emit: emit)
            } else {
                let archive = try ArchiveHandle.open(path: source.path, mode: .raw(decompress: source.compressed))
                guard try archive.nextEntry() != nil else { return }
                readRecords(of: source, from: archive, emit: emit)
            }
        } catch {
            // Opening failed; errors while reading are reported by the readers themselves.
            _ = emit(failedSource(source, error.message))
        }
        progress(source.size)
    }

    /// The WARC or ARC records of `source`, read from `stream`; their outcomes are added to `webRecords`.
    private mutating func readRecords<Stream: DamageReportingSource>(of source: BatchSource, from stream: Stream,
                                                                     emit: (FoundDocument) -> Bool) {
        let buffer = LineReader(stream)
        if source.kind == .arc {
            var reader = ARCReader(source: source.name, maxDocumentBytes: maxDocumentBytes)
            reader.read(buffer, of: stream, emit: emit)
            webRecords.add(reader.counts)
        } else {
            var reader = WARCReader(source: source.name, maxDocumentBytes: maxDocumentBytes)
            reader.read(buffer, of: stream, emit: emit)
            webRecords.add(reader.counts)
        }
    }

    /// The error record of a source that could not be opened at all.
    private func failedSource(_ source: BatchSource, _ message: String) -> FoundDocument {
        FoundDocument(id: source.path, fields: fields(source: source.name, member: nil), location: source.path, content: failure("\(source.path): \(message)"))
    }

    /// JSON Lines: one document per non-blank line; `line` fields count every line from 1. False when `emit` said stop.
    private func readLines(of buffer: LineReader<ArchiveHandle>, source: BatchSource, member: String?, emit: (FoundDocument) -> Bool) -> Bool {
        var lineNumber = 0
        let location = member.map { "\(source.name): \($0)" } ?? source.name
        func document(_ content: BatchItem.Content) -> FoundDocument {
            var fields = fields(source: source.name, member: member)
            fields.append(JSONLWriter.PassthroughField(name: "line", rawValue: Array(String(lineNumber).utf8)))
            return FoundDocument(id: nil, fields: fields, location: "\(location) line \(lineNumber)", content: content)
        }
        while true {
            let line: LineReader<ArchiveHandle>.Line?
            do {
                line = try buffer.nextLine(limit: maxDocumentBytes)
            } catch {
                lineNumber += 1
                return emit(document(failure("\(location): read error after line \(lineNumber - 1) (truncated or corrupt): \(error.message)")))
            }
            guard let line else { return true }
            lineNumber += 1
            switch line {
            case let .line(bytes):
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                if !emit(document(.json(bytes, line: lineNumber))) { return false }
            case let .tooLong(length):
                if !emit(document(failure("\(location) line \(lineNumber): \(length) bytes, more than \(maxDocumentBytes) (--max-document-bytes)", .documentTooLarge))) { return false }
            }
        }
    }

    /// tar or zip: every regular member of a supported kind is a document (a JSON Lines member, one per line).
    /// A gzipped tar is decompressed by `GunzipReader`, so that a truncated or damaged file still gives the members
    /// before the damage, then one error record saying where the file was cut.
    private mutating func readArchive(_ source: BatchSource, progress: (Int) -> Void, emit: (FoundDocument) -> Bool) {
        let archive: ArchiveHandle
        do {
            archive = GunzipReader.isGzip(path: source.path)
                ? try ArchiveHandle.open(gunzip: try GunzipReader(path: source.path))
                : try ArchiveHandle.open(path: source.path, mode: .archive)
        } catch {
            _ = emit(failedSource(source, error.message))
            progress(source.size)
            return
        }
        /// What the gzip reader skipped (" (gzip data truncated at byte 1024 of the file)"), once.
        func gzipDamage() -> String {
            let damage = archive.takeGzipDamage()
            return damage.isEmpty ? "" : " (" + damage.map(\.description).joined(separator: "; ") + ")"
        }
        var lastMember: String?
        defer {
            // Damage that cut no member (the end-of-archive blocks, say) still gets its error record.
            let damage = gzipDamage()
            if !damage.isEmpty {
                let after = lastMember.map { " after member \($0)" } ?? ""
                _ = emit(failedSource(source, "damaged or truncated gzip data\(after)\(damage)"))
            }
        }
        while true {
            progress(archive.compressedBytesRead)
            let entry: ArchiveHandle.Entry?
            do {
                entry = try archive.nextEntry()
            } catch {
                let after = lastMember.map { " after member \($0)" } ?? ""
                _ = emit(failedSource(source, "damaged or truncated archive\(after): \(error.message)\(gzipDamage())"))
                break
            }
            guard let entry else { break }
            guard entry.isRegularFile else { continue }
            lastMember = entry.name
            let (kind, compressed) = InputKind.of(name: entry.name)
            let location = "\(source.name): \(entry.name)"
            var document = FoundDocument(id: "\(source.name)/\(entry.name)", fields: fields(source: source.name, member: entry.name),
                                         location: location, content: .text([]))
            switch kind {
            case .unsupported, .unreadableContainer, .archive, .warc, .arc:
                unsupported += 1
                if unsupportedExamples.count < 3 { unsupportedExamples.append(location) }
                continue
            case .text, .html, .json, .jsonLines:
                break
            }
            // The stated size is not trusted to refuse a member (a zip's can be wrong by 4 GiB): what is read counts.
            var bytes: [UInt8]
            do {
                switch try archive.readEntry(limit: maxDocumentBytes, expectedSize: entry.size) {
                case let .bytes(read): bytes = read
                case .tooLarge:
                    document.content = failure("\(location): more than \(maxDocumentBytes) bytes (--max-document-bytes)", .documentTooLarge)
                    if !emit(document) { return }
                    continue
                }
            } catch {
                // libarchive cannot go on after a damaged member.
                document.content = failure("\(location): damaged or truncated member: \(error.message)\(gzipDamage())")
                _ = emit(document)
                break
            }
            if compressed {
                do {
                    let inner = try ArchiveHandle.open(bytes: bytes, mode: .raw(decompress: true))
                    if try inner.nextEntry() == nil {
                        bytes = []
                    } else {
                        switch try inner.readEntry(limit: maxDocumentBytes) {
                        case let .bytes(read): bytes = read
                        case .tooLarge:
                            document.content = failure("\(location): decompresses to more than \(maxDocumentBytes) bytes (--max-document-bytes)", .documentTooLarge)
                            if !emit(document) { return }
                            continue
                        }
                    }
                } catch {
                    document.content = failure("\(location): corrupt compressed member: \(error.message)")
                    if !emit(document) { return }
                    continue
                }
            }
            if kind == .jsonLines {
                do {
                    let inner = try ArchiveHandle.open(bytes: bytes, mode: .raw(decompress: false))
                    if try inner.nextEntry() != nil,
                       !readLines(of: LineReader(inner), source: source, member: entry.name, emit: emit) { return }
                } catch {
                    document.content = failure("\(location): \(error.message)")
                    if !emit(document) { return }
                }
                continue
            }
            document.content = content(of: bytes, kind: kind, line: nil)
            if !emit(document) { return }
        }
        progress(archive.compressedBytesRead)
    }
}
