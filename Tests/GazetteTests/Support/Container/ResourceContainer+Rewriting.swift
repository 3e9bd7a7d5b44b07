import Testing
@_spi(Testing) @testable import Gazette

/// Rewrites numbers inside a valid container and seals it again (a fresh checksum), as a file written by another
/// tool would be: the checksum passes, so only the loader's own checks stand between the number and the pipeline.
enum ContainerRewriting {
    /// `bytes` with the 4-byte little-endian word at `index` (counted in words from the start of section `name`)
    /// replaced by `word`, and the checksum recomputed.
    static func replacing32(_ word: UInt32, atWord index: Int, ofSection name: String, in bytes: [UInt8], kind: ResourceContainer.Kind) throws -> [UInt8] {
        let reader = try ResourceContainer.Reader(bytes: bytes, kind: kind, file: "fixture")
        let section = try #require(reader.range(name))
        let offset = section.lowerBound + index * 4
        precondition(offset + 4 <= section.upperBound, "word \(index) is past section \(name)")
        var result = bytes
        for i in 0..<4 { result[offset + i] = UInt8(truncatingIfNeeded: word >> UInt32(8 * i)) }
        return ResourceContainerResealing.resealed(result)
    }
}
