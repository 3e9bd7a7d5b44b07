#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ShardDirectory {
    /// One line of `manifest.jsonl` as read back: the header (`manifest`, `batch`), a shard line (`shard`,
    /// `documents`, `failed`, `watermark`, `resume`, `extra`) or the closing line (`complete`, totals). Every field is
    /// optional and a field of the wrong type reads as absent, so that a line which is a JSON object but not one the
    /// batch wrote is reported as not understood rather than taken for a torn last line.
    struct ManifestLine: Decodable {
        var manifest: String?
        var complete: Bool?
        var shard: String?
        var documents: Int?
        var failed: Int?
        var watermark: Int?
        var resume: [Int]?
        var extra: [[Int]]?

        private enum CodingKeys: String, CodingKey {
            case manifest, complete, shard, documents, failed, watermark, resume, extra
        }

        /// The line parsed, or nil when it is not a JSON object (damaged, or torn by a kill while it was written).
        init?(_ bytes: some Collection<UInt8>) {
            guard let line = try? JSONDecoder().decode(Self.self, from: Data(bytes)) else { return nil }
            self = line
        }

        init(from decoder: any Decoder) throws {
            let fields = try decoder.container(keyedBy: CodingKeys.self)
            manifest = try? fields.decodeIfPresent(String.self, forKey: .manifest)
            complete = try? fields.decodeIfPresent(Bool.self, forKey: .complete)
            shard = try? fields.decodeIfPresent(String.self, forKey: .shard)
            documents = try? fields.decodeIfPresent(Int.self, forKey: .documents)
            failed = try? fields.decodeIfPresent(Int.self, forKey: .failed)
            watermark = try? fields.decodeIfPresent(Int.self, forKey: .watermark)
            resume = try? fields.decodeIfPresent([Int].self, forKey: .resume)
            extra = try? fields.decodeIfPresent([[Int]].self, forKey: .extra)
        }
    }
}
