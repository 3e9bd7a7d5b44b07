import Gazette
import GazetteExport
import GazetteRuntime
#if canImport(Glibc)
import Glibc
#endif

/// Reads files of gazette.doc/1 records (standard input for none or "-") for `gazette export` and `gazette render`:
/// blank lines skipped, a file that cannot be opened or read and a line that is no usable record reported on
/// standard error and counted, every other record handed to `body` with the name of its file.
enum RecordFiles {
    /// Calls `body` with each record of `files`; returns how many failures were reported. `command` names the
    /// command in messages ("gazette export").
    static func forEachRecord(in files: [String], reader: ExportRecordReader, command: String,
                              _ body: (ExportRecord, _ file: String) -> Int) -> Int {
        var failures = 0
        for path in files.isEmpty ? ["-"] : files {
            let descriptor = path == "-" ? 0 : open(path, O_RDONLY)
            guard descriptor >= 0 else {
                printError("\(command): cannot open \(path): \(String(cString: strerror(errno)))")
                failures += 1
                continue
            }
            defer { if descriptor != 0 { close(descriptor) } }
            let name = path == "-" ? "standard input" : path
            let source = FileDescriptorSource(descriptor: descriptor)
            let lines = LineReader(source)
            while let line = lines.nextLine() {
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                switch reader.read(line, line: lines.lineNumber) {
                case let .failure(failure):
                    printError("\(command): \(name) \(failure); skipped")
                    failures += 1
                case let .success(record):
                    failures += body(record, name)
                }
            }
            if let failure = source.failure {
                printError("\(command): error reading \(name): \(failure)")
                failures += 1
            }
        }
        return failures
    }
}
