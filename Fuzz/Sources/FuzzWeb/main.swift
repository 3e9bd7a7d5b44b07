import FuzzSupport
import Gazette
import GazetteWeb

/// The charsets a transport may claim, chosen by the first byte: none, right or wrong ones, multi-byte ones.
private let transportCharsets: [String?] = [nil, "utf-8", "windows-1252", "shift_jis", "utf-16le", "gb18030", "iso-8859-1", "bogus"]

private let builder = WebDocumentBuilder()

/// Raw bytes as a web page (charset detection and decoding, libxml2's HTML parser, article extraction, metadata)
/// or as a plain-text file; the document found is annotated. The first byte chooses page or text and the charset.
private func fuzzWeb(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    guard size >= 1 else { return 0 }
    let all = UnsafeRawBufferPointer(start: data, count: size)
    let selector = Int(all[0])
    let page = UnsafeRawBufferPointer(rebasing: all[1...])
    let charset = transportCharsets[selector % transportCharsets.count]
    let result = selector & 0x80 == 0
        ? builder.document(html: page, transportCharset: charset, url: "https://example.org/a/b.html", id: "fuzz")
        : builder.document(text: page, transportCharset: charset, id: "fuzz")
    guard case let .success(document) = result, let annotated = try? FuzzSupport.pipeline.annotate(document) else { return 0 }
    FuzzSupport.check(annotated)
    FuzzSupport.check(line: FuzzSupport.writer.record(for: annotated))
    return 0
}

FuzzSupport.run { data, size in fuzzWeb(data, size) }
