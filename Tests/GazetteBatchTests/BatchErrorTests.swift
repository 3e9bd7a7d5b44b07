import Gazette
import GazetteTestSupport
import Testing
@testable import GazetteBatch

/// Batch errors carry stable codes; document failures get theirs where they arise, not from their wording.
@Suite("Batch errors")
struct BatchErrorTests {
    @Test func codesAreDistinctAndBesideTheRecordCodes() {
        let codes = BatchError.Code.allCases.map(\.rawValue).filter { $0.hasPrefix("GZ4") }
        #expect(Set(codes).count == codes.count)
        #expect(codes == ["GZ401", "GZ402", "GZ403", "GZ404", "GZ405", "GZ406"])
        #expect(BatchError(.outputLocked, "busy").description == "GZ404: busy")
    }

    @Test func foldersAndInputsFailWithTheirCode() throws {
        let folder = try TemporaryFolder()
        let output = folder.file("out")
        _ = try ShardDirectory(path: output, batch: "first")
        #expect { try ShardDirectory(path: output, batch: "second") } throws: { ($0 as? BatchError)?.code == .otherBatchInOutput }
        let held = try ShardDirectory(path: folder.file("held"), batch: "b")
        #expect { try ShardDirectory(path: folder.file("held"), batch: "b") } throws: { ($0 as? BatchError)?.code == .outputLocked }
        withExtendedLifetime(held) {}
        #expect { try BatchTesting.run(["/nonexistent/gazette-input.tar"]) } throws: { ($0 as? BatchError)?.code == .inputMissing }
    }

    @Test func httpBodiesSayWhyTheyCannotBeDecoded() {
        let body = BatchItem.HTTPBody(chunked: false, contentEncoding: "gzip", isHTML: false, charset: nil)
        guard case let .failure(_, code) = HTTPDecoding.decode(Array("not gzip".utf8), body: body, limit: 100) else {
            Issue.record("decoded a corrupt body")
            return
        }
        #expect(code == .unusableContent)
        let brotli = BatchItem.HTTPBody(chunked: false, contentEncoding: "br", isHTML: false, charset: nil)
        guard case .failure(_, .unusableContent) = HTTPDecoding.decode([1, 2], body: brotli, limit: 100) else {
            Issue.record("decoded an unsupported encoding")
            return
        }
    }
}
