#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The "text" of one JSON Lines record, as the measuring commands (`bench`, `gazetteer measure`) read their
/// samples; other fields are ignored, and a "text" that is not a string reads as absent.
struct TextRecord: Decodable {
    var text: String?

    private enum CodingKeys: String, CodingKey { case text }

    /// The record on `line`, or nil when the line is not a JSON object.
    init?(_ line: some StringProtocol) {
        guard let record = try? JSONDecoder().decode(Self.self, from: Data(line.utf8)) else { return nil }
        self = record
    }

    init(from decoder: any Decoder) throws {
        text = try? decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .text)
    }
}
