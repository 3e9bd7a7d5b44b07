/// Which documents of a batch are done, by position (reading order from 0), and where reading can start again.
///
/// An ordered run finishes a prefix of the positions; an unordered one a prefix plus a few done out of order (at most
/// the documents that were in flight). Resuming skips the sources before `resumeSource` without opening them and,
/// from there on, every done position.
public struct BatchCheckpoint: Sendable, Equatable {
    /// Every position below this is done.
    public var watermark: Int = 0
    /// Positions at or above the watermark that are done too, each with its source index and that source's first
    /// position.
    public var extra: [Int: SourceMark] = [:]
    /// The source holding the last position below the watermark (reading starts again with it), and its first position.
    public var resume = SourceMark(source: 0, start: 0)
    /// Whether the whole batch is done.
    public var complete = false

    /// A source, by its index in reading order, and the position of its first document in the batch.
    public struct SourceMark: Sendable, Equatable {
        /// The source's index, in reading order from 0.
        public var source: Int
        /// The position of the source's first document.
        public var start: Int

        /// The mark of source `source`, whose first document is at position `start`.
        public init(source: Int, start: Int) {
            self.source = source
            self.start = start
        }
    }

    /// The checkpoint of a batch that has nothing done.
    public init() {}

    /// Whether the document at `position` is done.
    public func isDone(_ position: Int) -> Bool {
        position < watermark || extra[position] != nil
    }

    /// Marks one position done.
    public mutating func markDone(_ position: Int, source: Int, start: Int) {
        guard position >= watermark else { return }
        extra[position] = SourceMark(source: source, start: start)
        while let mark = extra.removeValue(forKey: watermark) {
            resume = mark
            watermark += 1
        }
    }
}
