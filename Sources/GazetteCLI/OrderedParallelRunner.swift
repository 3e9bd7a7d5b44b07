import Foundation

/// Runs `work` on up to `jobs` threads and hands results to `emit` in submission order, on one writer thread.
///
/// At most `window` records are in flight, so memory stays flat on an endless stream, and each result is
/// emitted as soon as it and all earlier ones are done, so a slow stream still gets prompt output.
final class OrderedParallelRunner<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    // All mutable state below is guarded by `condition`.
    private let condition = NSCondition()
    /// Inputs not yet taken by a worker; a taken slot is cleared at once so that done work is not kept alive.
    private var pending: [(sequence: Int, input: Input)?] = []
    private var pendingHead = 0
    private var results: [Int: Output] = [:]
    private var submitted = 0
    private var emitted = 0
    private var finished = false
    private var threads: [Thread] = []
    private var writerDone = false

    private let window: Int
    private let work: @Sendable (Input) -> Output
    private let emit: @Sendable (Output, _ moreReady: Bool) -> Void

    /// `emit` gets each output and whether the next one is already done (a hint for when to flush).
    init(jobs: Int, window: Int? = nil, work: @escaping @Sendable (Input) -> Output,
         emit: @escaping @Sendable (Output, _ moreReady: Bool) -> Void) {
        self.window = window ?? max(4, jobs * 4)
        self.work = work
        self.emit = emit
        for _ in 0..<max(1, jobs) {
            let thread = Thread { [unowned self] in self.workerLoop() }
            thread.stackSize = 8 << 20
            threads.append(thread)
            thread.start()
        }
        let writer = Thread { [unowned self] in self.writerLoop() }
        threads.append(writer)
        writer.start()
    }

    /// Queues one input; waits while the window is full.
    func submit(_ input: Input) {
        condition.lock()
        while submitted - emitted >= window { condition.wait() }
        pending.append((submitted, input))
        submitted += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every submitted input has been emitted, then stops the threads.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        while !writerDone { condition.wait() }
        condition.unlock()
    }

    private func workerLoop() {
        while true {
            condition.lock()
            while pendingHead == pending.count && !finished { condition.wait() }
            if pendingHead == pending.count {
                condition.unlock()
                return
            }
            let (sequence, input) = pending[pendingHead]!
            pending[pendingHead] = nil
            pendingHead += 1
            if pendingHead == pending.count {
                pending.removeAll(keepingCapacity: true)
                pendingHead = 0
            } else if pendingHead > 1024, pendingHead * 2 > pending.count {
                pending.removeFirst(pendingHead)
                pendingHead = 0
            }
            condition.unlock()

            let output = work(input)

            condition.lock()
            results[sequence] = output
            condition.broadcast()
            condition.unlock()
        }
    }

    private func writerLoop() {
        while true {
            condition.lock()
            while results[emitted] == nil && !(finished && emitted == submitted) { condition.wait() }
            if finished && emitted == submitted {
                writerDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let output = results.removeValue(forKey: emitted)!
            let moreReady = results[emitted + 1] != nil
            condition.unlock()

            emit(output, moreReady)

            condition.lock()
            emitted += 1
            condition.broadcast()
            condition.unlock()
        }
    }
}
