import CGazetteBatch
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Gazette
#if canImport(Glibc)
import Glibc
#endif

/// A `BatchSink` that writes JSON Lines shards into a folder, with a manifest of what is done, so that a run can
/// be killed at any moment (SIGKILL included) and resumed with every document written exactly once.
///
/// Records go to `.part-NNNNNN.jsonl[.gz].tmp`. A shard is committed when it is big or old enough, and at the end:
/// the file is synced, renamed to `part-NNNNNN.jsonl[.gz]`, the folder synced, and only then a line naming the shard
/// and the batch's checkpoint is appended to `manifest.jsonl` and synced. On opening, shards the manifest does not
/// name (a kill between rename and manifest line) and temporary files are deleted, and a torn last manifest line is
/// cut off: the documents they held are simply done again. Output names are made here, never taken from the input.
///
/// Nothing the batch did not write is ever replaced or deleted: a folder holding shard-like files (`part-*`) that are
/// not this batch's is refused (`GZ403`), shards are created with `O_EXCL` and renamed without replacing, and a
/// killed run's leftover is recognised only under the one name the batch would have written next.
public final class ShardDirectory: BatchSink {
    /// How shards are written.
    public struct Settings: Sendable {
        /// gzip the shards (`.jsonl.gz`).
        public var compress = false
        /// Commit a shard once it holds this many bytes of records (before compression).
        public var shardBytes = 128 << 20
        /// ... or once it has been open this long (seconds), so that a kill loses little work.
        public var commitInterval = 30.0
        /// zlib compression level of gzipped shards: 0 (none) to 9 (smallest); 6 is zlib's default.
        public var compressionLevel: Int32 = 6

        /// The default settings, with shards gzipped when `compress` is true.
        public init(compress: Bool = false) {
            self.compress = compress
        }
    }

    /// The manifest's file name in the output folder.
    public static let manifestName = "manifest.jsonl"
    /// The schema named by the manifest's first line.
    public static let manifestSchema = "gazette.batch/1"

    /// The output folder.
    public let path: String
    /// How shards are written.
    public let settings: Settings
    /// Documents in committed shards (all runs).
    public private(set) var committedDocuments = 0
    /// How many of ``committedDocuments`` are error records.
    public private(set) var committedFailures = 0
    /// Shards committed so far (all runs).
    public private(set) var shards: [String] = []

    private let manifest: Int32
    private var directory: Int32
    private var state = BatchCheckpoint()
    private var current: OpenShard?
    private var buffer: [UInt8] = []
    /// Counts of the WARC and ARC records read by the run, written on the manifest's "complete" line (as
    /// "web_records") when set before `finish(complete: true)`.
    public var webRecords: WebRecordCounts?

    private struct OpenShard {
        var name: String
        var temporaryName: String
        var descriptor: Int32
        var gzip: OpaquePointer?
        var documents = 0
        var failures = 0
        var bytes = 0
        var opened: UInt64
    }

    /// Opens (creating it if needed) the output folder for the batch described by `batch`, a string that names its
    /// inputs and the settings that shape its output. A folder that holds another batch is refused, unless `restart`,
    /// which deletes that batch's shards and manifest first; a folder holding shard files (`part-*`) that no manifest
    /// of a gazette batch there names, or a `manifest.jsonl` that is not a batch manifest, is always refused.
    public init(path: String, batch: String, settings: Settings = Settings(), restart: Bool = false) throws(BatchError) {
        self.path = path
        self.settings = settings
        if SourceEnumerator.status(path)?.isDirectory != true {
            try Self.createFolder(path)
            // Make the new folder's own entry durable too.
            let parent = open(Self.parent(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if parent >= 0 {
                _ = fsync(parent)
                close(parent)
            }
        }
        directory = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw BatchError(.outputUnusable, "cannot open output folder \(path): \(Self.errorText())") }
        if SourceEnumerator.status(path + "/" + Self.manifestName) == nil {
            // No manifest, so no shard here is a batch's: refuse before creating anything.
            let foreign = Self.shardLikeFiles(in: path)
            if !foreign.isEmpty {
                close(directory)
                throw Self.foreignFilesError(foreign, in: path)
            }
        }
        manifest = open(path + "/" + Self.manifestName, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard manifest >= 0 else {
            close(directory)
            throw BatchError(.outputUnusable, "cannot open \(path)/\(Self.manifestName): \(Self.errorText())")
        }
        do {
            guard flock(manifest, LOCK_EX | LOCK_NB) == 0 else {
                throw BatchError(.outputLocked, "another gazette batch is writing to \(path)")
            }
            if restart { try discardEarlierBatch() }
            try load(batch: batch)
            try removeUncommittedFiles()
        } catch let error as BatchError {
            close(manifest)
            close(directory)
            throw error
        } catch {
            close(manifest)
            close(directory)
            throw BatchError(.outputUnusable, "\(error)")
        }
    }

    deinit {
        if let current {
            if let gzip = current.gzip { _ = gazette_gzip_close(gzip) }
            close(current.descriptor)
            unlink(path + "/" + current.temporaryName)
        }
        close(manifest)
        close(directory)
    }

    /// What is done: the manifest's checkpoint when the folder was opened, plus every record written since.
    public func checkpoint() throws -> BatchCheckpoint { state }

    /// Appends a record to the open shard (opening one if needed); commits the shard once it holds
    /// ``Settings/shardBytes`` or has been open ``Settings/commitInterval`` seconds.
    public func write(_ output: BatchOutput) throws {
        if current == nil { try openShard() }
        buffer.append(contentsOf: output.bytes)
        current!.documents += 1
        current!.bytes += output.bytes.count
        if output.failed { current!.failures += 1 }
        state.markDone(output.position, source: output.sourceIndex, start: output.sourceStart)
        if buffer.count >= 1 << 20 { try flushBuffer() }
        if current!.bytes >= settings.shardBytes
            || Double(DispatchTime.now().uptimeNanoseconds - current!.opened) / 1e9 >= settings.commitInterval {
            try commit()
        }
    }

    /// Commits the open shard (one with no records is deleted instead) and, if `complete`, records in the manifest
    /// that the whole batch is done.
    public func finish(complete: Bool) throws {
        if let shard = current {
            if shard.documents > 0 {
                try commit()
            } else {
                if let gzip = shard.gzip { _ = gazette_gzip_close(gzip) }
                close(shard.descriptor)
                unlink(path + "/" + shard.temporaryName)
                current = nil
            }
        }
        if complete && !state.complete {
            let records = webRecords.map { #","web_records":\#($0.json)"# } ?? ""
            try appendManifestLine(#"{"complete":true,"total_documents":\#(committedDocuments),"total_failed":\#(committedFailures)\#(records)}"#)
            state.complete = true
        }
    }

    // MARK: Shards

    private static func shardName(_ number: Int, compress: Bool) -> String {
        let digits = String(number)
        return "part-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + (compress ? ".jsonl.gz" : ".jsonl")
    }

    private func openShard() throws(BatchError) {
        let name = Self.shardName(shards.count, compress: settings.compress)
        let temporaryName = "." + name + ".tmp"
        // O_EXCL: never write into a file that is not this batch's (the batch's own leftover was removed on opening).
        let descriptor = open(path + "/" + temporaryName, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw BatchError(.outputUnusable, "cannot create \(path)/\(temporaryName): \(Self.errorText())") }
        var gzip: OpaquePointer?
        if settings.compress {
            gzip = gazette_gzip_open(descriptor, settings.compressionLevel)
            guard gzip != nil else {
                close(descriptor)
                throw BatchError(.outputUnusable, "out of memory starting gzip output")
            }
        }
        current = OpenShard(name: name, temporaryName: temporaryName, descriptor: descriptor, gzip: gzip,
                            opened: DispatchTime.now().uptimeNanoseconds)
    }

    private func flushBuffer() throws(BatchError) {
        guard let shard = current, !buffer.isEmpty else { return }
        let error: Int32 = buffer.withUnsafeBytes { bytes in
            if let gzip = shard.gzip { return gazette_gzip_write(gzip, bytes.baseAddress, bytes.count) }
            return Self.writeAll(shard.descriptor, bytes)
        }
        buffer.removeAll(keepingCapacity: true)
        guard error == 0 else { throw BatchError(.outputUnusable, "cannot write \(path)/\(shard.temporaryName): \(String(cString: strerror(error)))") }
    }

    /// Makes the open shard durable and records it in the manifest.
    private func commit() throws(BatchError) {
        guard var shard = current else { return }
        try flushBuffer()
        if let gzip = shard.gzip {
            shard.gzip = nil
            current = shard
            let error = gazette_gzip_close(gzip)
            guard error == 0 else { throw BatchError(.outputUnusable, "cannot write \(path)/\(shard.temporaryName): \(String(cString: strerror(error)))") }
        }
        guard fsync(shard.descriptor) == 0 else { throw BatchError(.outputUnusable, "cannot sync \(path)/\(shard.temporaryName): \(Self.errorText())") }
        close(shard.descriptor)
        current = nil
        let renamed = gazette_rename_noreplace(directory, shard.temporaryName, shard.name)
        guard renamed == 0 else {
            unlink(path + "/" + shard.temporaryName)
            if renamed == EEXIST {
                throw BatchError(.otherBatchInOutput, "\(path)/\(shard.name) appeared while the batch ran; it was not replaced")
            }
            throw BatchError(.outputUnusable, "cannot rename \(shard.temporaryName) to \(shard.name) in \(path): \(String(cString: strerror(renamed)))")
        }
        guard fsync(directory) == 0 else { throw BatchError(.outputUnusable, "cannot sync folder \(path): \(Self.errorText())") }
        shards.append(shard.name)
        committedDocuments += shard.documents
        committedFailures += shard.failures
        let extra = state.extra.keys.sorted().map { position -> String in
            let mark = state.extra[position]!
            return "[\(position),\(mark.source),\(mark.start)]"
        }.joined(separator: ",")
        try appendManifestLine(
            #"{"shard":\#(Self.quoted(shard.name)),"documents":\#(shard.documents),"failed":\#(shard.failures),"#
                + #""bytes":\#(shard.bytes),"watermark":\#(state.watermark),"resume":[\#(state.resume.source),\#(state.resume.start)],"#
                + #""extra":[\#(extra)],"total_documents":\#(committedDocuments),"total_failed":\#(committedFailures)}"#)
    }

    // MARK: Manifest

    private func appendManifestLine(_ line: String) throws(BatchError) {
        let bytes = Array((line + "\n").utf8)
        let error = bytes.withUnsafeBytes { Self.writeAll(manifest, $0) }
        guard error == 0, fsync(manifest) == 0 else {
            throw BatchError(.outputUnusable, "cannot write \(path)/\(Self.manifestName): \(String(cString: strerror(error == 0 ? errno : error)))")
        }
    }

    private func truncateManifest(to length: Int) throws(BatchError) {
        guard ftruncate(manifest, off_t(length)) == 0, fsync(manifest) == 0 else {
            throw BatchError(.outputUnusable, "cannot truncate \(path)/\(Self.manifestName): \(Self.errorText())")
        }
    }

    /// The manifest's bytes.
    private func manifestContents() throws(BatchError) -> [UInt8] {
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset: off_t = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(manifest, $0.baseAddress, $0.count, offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw BatchError(.outputUnusable, "cannot read \(path)/\(Self.manifestName): \(Self.errorText())")
            }
            if count == 0 { break }
            contents.append(contentsOf: chunk[0..<count])
            offset += off_t(count)
        }
        return contents
    }

    /// Reads the manifest: checks that it describes this batch and takes the checkpoint of its last shard line.
    private func load(batch: String) throws(BatchError) {
        let contents = try manifestContents()
        let header = #"{"manifest":"\#(Self.manifestSchema)","batch":\#(Self.quoted(batch))}"#
        var lineStart = 0
        var lineNumber = 0
        var goodLength = 0
        while lineStart < contents.count {
            guard let newline = contents[lineStart...].firstIndex(of: UInt8(ascii: "\n")) else { break }  // torn last line
            let line = Array(contents[lineStart..<newline])
            lineNumber += 1
            let parsed = ManifestLine(line)
            if lineNumber == 1 {
                guard let parsed, parsed.manifest == Self.manifestSchema else {
                    throw BatchError(.otherBatchInOutput, "\(path) holds files that are not a gazette batch (\(Self.manifestName) is not a batch manifest)")
                }
                guard String(decoding: line, as: UTF8.self) == header else {
                    throw BatchError(.otherBatchInOutput, """
                        \(path) holds another batch (other inputs or settings, or inputs changed since): \
                        use another --output folder, or --restart to discard it
                        """)
                }
            } else if let parsed {
                try apply(parsed)
            } else if newline + 1 < contents.count {
                throw BatchError(.manifestDamaged, "\(path)/\(Self.manifestName) line \(lineNumber) is damaged")
            } else {
                break  // torn last line (a kill while writing it)
            }
            goodLength = newline + 1
            lineStart = newline + 1
        }
        if goodLength < contents.count { try truncateManifest(to: goodLength) }
        if goodLength == 0 {
            try appendManifestLine(header)
            guard fsync(directory) == 0 else { throw BatchError(.outputUnusable, "cannot sync folder \(path): \(Self.errorText())") }
        }
    }

    private func apply(_ line: ManifestLine) throws(BatchError) {
        if line.complete == true {
            state.complete = true
            return
        }
        guard let name = line.shard, let documents = line.documents, let failed = line.failed,
              let watermark = line.watermark, let resume = line.resume, resume.count == 2,
              let extra = line.extra else {
            throw BatchError(.manifestDamaged, "\(path)/\(Self.manifestName) has a line it does not understand")
        }
        shards.append(name)
        committedDocuments += documents
        committedFailures += failed
        state.watermark = watermark
        state.resume = BatchCheckpoint.SourceMark(source: resume[0], start: resume[1])
        state.extra = [:]
        for entry in extra where entry.count == 3 {
            state.extra[entry[0]] = BatchCheckpoint.SourceMark(source: entry[1], start: entry[2])
        }
    }

    /// `--restart`: deletes the shards an earlier gazette batch wrote here (those its manifest names, and a killed
    /// run's next shard) and empties its manifest. A `manifest.jsonl` that is not a batch manifest is left alone.
    private func discardEarlierBatch() throws(BatchError) {
        let contents = try manifestContents()
        guard !contents.isEmpty else { return }
        var names: [String] = []
        for (number, line) in contents.split(separator: UInt8(ascii: "\n")).enumerated() {
            let parsed = ManifestLine(line)
            if number == 0 {
                guard parsed?.manifest == Self.manifestSchema else {
                    throw BatchError(.otherBatchInOutput, "\(path) holds files that are not a gazette batch (\(Self.manifestName) is not a batch manifest); --restart discards only a gazette batch")
                }
            } else if let name = parsed?.shard, Self.isOwnFile(name) {
                names.append(name)
            }
        }
        for compress in [false, true] {
            let next = Self.shardName(names.count, compress: compress)
            names += [next, "." + next + ".tmp"]
        }
        let discarded = Set(names)
        let foreign = Self.shardLikeFiles(in: path).filter { !discarded.contains($0) }
        guard foreign.isEmpty else { throw Self.foreignFilesError(foreign, in: path) }
        for name in names { unlink(path + "/" + name) }
        try truncateManifest(to: 0)
    }

    /// Deletes what a killed run left half done: the shard it would have committed next, renamed but not yet in the
    /// manifest, and its temporary file. Any other shard-like file that the manifest does not name is not this
    /// batch's: the folder is refused and nothing is deleted.
    private func removeUncommittedFiles() throws(BatchError) {
        let committed = Set(shards)
        let next = Self.shardName(shards.count, compress: settings.compress)
        let leftovers: Set = [next, "." + next + ".tmp"]
        let uncommitted = Self.shardLikeFiles(in: path).filter { !committed.contains($0) }
        let foreign = uncommitted.filter { !leftovers.contains($0) }
        guard foreign.isEmpty else { throw Self.foreignFilesError(foreign, in: path) }
        for name in uncommitted { unlink(path + "/" + name) }
        if !uncommitted.isEmpty, fsync(directory) != 0 { throw BatchError(.outputUnusable, "cannot sync folder \(path): \(Self.errorText())") }
    }

    /// The names in `folder` that look like shards or temporary shard files, sorted.
    private static func shardLikeFiles(in folder: String) -> [String] {
        SourceEnumerator.entries(of: folder).filter(isShardLike)
    }

    /// Whether `name` could be taken for a shard or a temporary shard file: `part-*` or `.part-*` (a user's
    /// `part-1.csv` too, so that no file of that look is ever replaced).
    static func isShardLike(_ name: String) -> Bool {
        name.hasPrefix("part-") || name.hasPrefix(".part-")
    }

    /// The error for shard-like files the batch did not write.
    private static func foreignFilesError(_ names: [String], in folder: String) -> BatchError {
        let shown = names.prefix(3).joined(separator: ", ") + (names.count > 3 ? " and \(names.count - 3) more" : "")
        return BatchError(.otherBatchInOutput, "\(folder) holds \(shown), which this batch did not write (gazette batch never "
            + "writes over files it did not create): use another --output folder, or move them away")
    }

    /// Whether `name` is a shard or temporary shard file of this sink (nothing else in the folder is touched).
    static func isOwnFile(_ name: String) -> Bool {
        var stem = Substring(name)
        if stem.hasPrefix("."), stem.hasSuffix(".tmp") { stem = stem.dropFirst().dropLast(4) }
        guard stem.hasPrefix("part-") else { return false }
        stem = stem.dropFirst(5)
        if stem.hasSuffix(".jsonl.gz") { stem = stem.dropLast(9) } else if stem.hasSuffix(".jsonl") { stem = stem.dropLast(6) } else { return false }
        return stem.count >= 6 && stem.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }

    /// Creates the folder `path` and any missing folders above it (`mkdir -p`).
    private static func createFolder(_ path: String) throws(BatchError) {
        guard SourceEnumerator.status(path)?.isDirectory != true else { return }
        let parent = parent(of: path)
        if parent != SourceEnumerator.trimmingTrailingSlashes(path) { try createFolder(parent) }
        if mkdir(path, 0o777) != 0, errno != EEXIST {
            throw BatchError(.outputUnusable, "cannot create output folder \(path): \(errorText())")
        }
    }

    /// The folder holding `path` ("." for a bare name). (Foundation's deletingLastPathComponent traps on "o" here.)
    static func parent(of path: String) -> String {
        let trimmed = SourceEnumerator.trimmingTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// `text` as a JSON string literal.
    private static func quoted(_ text: String) -> String { String(decoding: JSONString.quoted(text), as: UTF8.self) }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
