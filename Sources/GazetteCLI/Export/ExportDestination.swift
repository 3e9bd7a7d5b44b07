import ArgumentParser
import Gazette
import GazetteExport
#if canImport(Glibc)
import Glibc
#endif

/// Where `gazette export` writes: standard output, or a folder. Files are created, never opened over an existing
/// one (`O_EXCL`): a user's file is never overwritten.
struct ExportDestination {
    let format: ExportFormat
    let folder: String?
    private var stream: OutputSink?
    private var streamDescriptor: Int32 = -1
    private var documents = 0
    private var labels: [String] = []
    private var usedNames: Set<String> = []

    /// Opens the stream (standard output, or the format's file in `folder`, made if missing). A file that exists
    /// already, or a folder that cannot be made, ends the command with exit status 2.
    init(format: ExportFormat, folder: String?) throws {
        self.format = format
        self.folder = folder
        if let folder {
            if mkdir(folder, 0o755) != 0 && errno != EEXIST {
                printError("gazette export: cannot make \(folder): \(String(cString: strerror(errno)))")
                throw ExitCode(2)
            }
        }
        guard format.isStream else { return }
        if let folder {
            let path = folder + "/" + format.streamFileName
            streamDescriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard streamDescriptor >= 0 else {
                printError("gazette export: cannot create \(path): \(String(cString: strerror(errno)))\(errno == EEXIST ? " (not overwritten)" : "")")
                throw ExitCode(2)
            }
            stream = OutputSink(descriptor: streamDescriptor)
        } else {
            stream = OutputSink(descriptor: 1)
        }
        stream?.write(Array(format.streamFraming.opening.utf8))
    }

    /// Writes one document; returns what went wrong, if anything did (its files are then not written).
    mutating func write(_ document: ExportedDocument) -> String? {
        for entity in document.record.entities where !labels.contains(entity.label) { labels.append(entity.label) }
        if let stream {
            if documents > 0 { stream.write(Array(format.streamFraming.separator.utf8)) }
            for file in document.files { stream.write(file.bytes) }
            documents += 1
            if documents % 64 == 0 { stream.flush() }
            return nil
        }
        guard let folder else { return "no output folder" }
        var base = BratExport.baseName(document.record)
        var suffix = 2
        while usedNames.contains(base) {
            base = BratExport.baseName(document.record) + "-\(suffix)"
            suffix += 1
        }
        usedNames.insert(base)
        var created: [String] = []
        for file in document.files {
            let path = "\(folder)/\(base).\(file.fileExtension)"
            if let problem = Self.create(path, file.bytes) {
                for earlier in created { unlink(earlier) }  // never half a document
                return problem
            }
            created.append(path)
        }
        documents += 1
        return nil
    }

    /// Ends the stream, or writes the folder's configuration file: Label Studio's labelling interface, brat's
    /// `annotation.conf`. Returns what went wrong with the configuration file (one already there is left alone);
    /// output that could not be written ends the command with exit status 2.
    mutating func finish() throws -> String? {
        if let stream {
            stream.write(Array(format.streamFraming.closing.utf8))
            stream.flush()
            if streamDescriptor >= 0 { close(streamDescriptor) }
            if let error = stream.writeError {
                printError("gazette export: cannot write output: \(String(cString: strerror(error)))")
                throw ExitCode(2)
            }
        }
        guard let folder else { return nil }
        switch format {
        case .labelStudio:
            return Self.create(folder + "/label-config.xml", Array(LabelStudioExport.labelingConfig(labels: labels).utf8))
        case .brat:
            return Self.create(folder + "/annotation.conf", Array(BratExport.configuration(labels: labels).utf8))
        default:
            return nil
        }
    }

    /// Creates `path` with `bytes`, or says why it could not (a file there already is left alone).
    private static func create(_ path: String, _ bytes: [UInt8]) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "exists already; not overwritten" : String(cString: strerror(errno))
            return "cannot create \(path): \(reason)"
        }
        let sink = OutputSink(descriptor: descriptor)
        sink.write(bytes)
        sink.flush()
        close(descriptor)
        return sink.writeError.map { "cannot write \(path): \(String(cString: strerror($0)))" }
    }
}
