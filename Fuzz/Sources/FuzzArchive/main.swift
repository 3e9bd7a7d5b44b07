import FuzzSupport
import Gazette
import GazetteBatch
#if canImport(Glibc)
import Glibc
#endif

/// The file names a batch input may have: the name decides how it is read.
private let names = ["crawl.warc", "crawl.warc.gz", "crawl.arc", "crawl.arc.gz", "pages.tar", "pages.tar.gz", "pages.zip",
                     "news.jsonl", "news.jsonl.gz", "page.html", "note.txt", "page.html.br", "news.jsonl.zst", "pages.tgz"]

/// Collects what the runner writes and checks each record.
private final class CheckingSink: BatchSink {
    var records = 0
    func checkpoint() throws -> BatchCheckpoint { BatchCheckpoint() }
    func write(_ output: BatchOutput) throws {
        FuzzSupport.check(line: output.bytes)
        records += 1
    }
    func finish(complete: Bool) throws {}
}

/// Raw bytes as one file given to `gazette batch`; the first byte chooses its name (WARC, ARC, gzip, tar, zip,
/// JSON Lines, HTML, text, Brotli, zstd). Damaged input must become error records; the run itself never fails.
private func fuzzArchive(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    guard size >= 1 else { return 0 }
    let all = UnsafeRawBufferPointer(start: data, count: size)
    let path = FuzzSupport.scratch + "/" + names[Int(all[0]) % names.count]
    FuzzSupport.write(UnsafeRawBufferPointer(rebasing: all[1...]), to: path)
    var options = BatchRunner.Options()
    options.jobs = 1
    options.maxDocumentBytes = 1 << 20
    let runner = BatchRunner(inputs: [path], annotator: FuzzSupport.annotator, options: options)
    let sink = CheckingSink()
    do { _ = try runner.run(into: sink) } catch { fatalError("batch run failed on one input file: \(error)") }
    unlink(path)
    return 0
}

FuzzSupport.run { data, size in fuzzArchive(data, size) }
