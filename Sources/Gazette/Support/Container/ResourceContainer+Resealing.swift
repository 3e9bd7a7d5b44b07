/// Rewrites a container's size and checksum fields to match its bytes, for the loaders' fuzz harness and tests: a
/// file changed on purpose then gets past the frame check and reaches the kind's own checks (bounds, finite numbers),
/// which are what must hold against a file written by a buggy or hostile tool with a correct checksum.
@_spi(Testing) public enum ResourceContainerResealing {
    /// `bytes` with the size and checksum fields set for its content; unchanged if it has no container header.
    public static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= ResourceContainer.headerSize, bytes.starts(with: ResourceContainer.magic) else { return bytes }
        var bytes = bytes
        let size = UInt64(bytes.count)
        for i in 0..<8 { bytes[24 + i] = UInt8(truncatingIfNeeded: size >> (8 * UInt64(i))) }
        let checksum = bytes.withUnsafeBytes { ResourceContainer.checksum($0) }
        for i in 0..<8 { bytes[ResourceContainer.checksumOffset + i] = UInt8(truncatingIfNeeded: checksum >> (8 * UInt64(i))) }
        return bytes
    }
}
