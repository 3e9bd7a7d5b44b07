import CFuzzerDriver
import Gazette

/// What the harnesses share. libFuzzer calls a harness many thousand times a second in one process, so everything
/// that takes a moment (resources, the gazetteer) is loaded once, on first use.
public enum FuzzSupport {
    /// Runs libFuzzer's driver with this process's arguments over `harness`, and exits with its status.
    public static func run(_ harness: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, harness))
    }

    /// The standard pipeline with the resources `GAZETTE_RESOURCES` names (Scripts/fuzz.sh sets it to the checkout).
    public static let pipeline: Pipeline = {
        do { return try Pipeline.standard() } catch { fatalError("fuzz harness cannot load the pipeline: \(error)") }
    }()

    /// The writer the filter uses, with code-point offsets.
    public static let writer = JSONLWriter(offsets: .codepoint, stamp: pipeline.stamp)

    /// The filter's record annotator over the standard pipeline.
    public static let annotator = RecordAnnotator(pipeline: pipeline, writer: writer)

    /// A scratch folder of this process for harnesses that must go through files.
    public static let scratch: String = {
        let path = "/tmp/gazette-fuzz-\(getpid())"
        mkdir(path, 0o700)
        return path
    }()

    /// Writes `bytes` to `path`, replacing it; stops the run if that fails (a broken harness, not a finding).
    public static func write(_ bytes: UnsafeRawBufferPointer, to path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(descriptor >= 0, "cannot write \(path)")
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            precondition(written > 0, "cannot write \(path)")
            offset += written
        }
        close(descriptor)
    }

    /// Checks the invariants every annotated document keeps, whatever the input (offsets are sacred): tokens lie
    /// within the text, in order, without overlap, on code-point boundaries; entities cover tokens that exist, in
    /// order, without overlap; scores are finite.
    public static func check(_ document: Document) {
        let utf8 = Array(document.text.utf8)
        func isBoundary(_ offset: Int) -> Bool { offset == utf8.count || (utf8[offset] & 0xC0) != 0x80 }
        var previousEnd = 0
        for token in document.tokens {
            precondition(token.start >= previousEnd && token.start < token.end && token.end <= utf8.count,
                         "token \(token.start)..<\(token.end) out of order or out of the text (\(utf8.count) bytes)")
            precondition(isBoundary(token.start) && isBoundary(token.end), "token splits a code point")
            previousEnd = token.end
        }
        var previousEntityEnd = 0
        for entity in document.entities {
            let span = entity.utf8Range
            precondition(span.lowerBound >= previousEntityEnd && !span.isEmpty && span.upperBound <= utf8.count,
                         "entity span out of the text, empty or overlapping")
            precondition(isBoundary(span.lowerBound) && isBoundary(span.upperBound), "entity splits a code point")
            precondition(String(document.text[entity.range]) == entity.text, "entity text is not the text it spans")
            precondition(entity.score.isFinite, "entity score not finite")
            previousEntityEnd = span.upperBound
        }
        for topic in document.topics { precondition(topic.score.isFinite, "topic score not finite") }
    }

    /// Checks an output line: non-empty, one line, ends in a newline.
    public static func check(line: [UInt8]) {
        precondition(line.last == UInt8(ascii: "\n"), "output line without its newline")
        precondition(!line.dropLast().contains(UInt8(ascii: "\n")), "output record spans several lines")
        precondition(line.first == UInt8(ascii: "{"), "output record is not a JSON object")
    }
}

#if canImport(Glibc)
import Glibc
#endif
