import CGazetteBatch
import Foundation

/// Runs `work` on `jobs` threads and hands results to `emit` on one writer thread: in submission order
/// (`ordered`), or as soon as each is done.
///
/// Inputs are meant to be batches of records: one hand-over per batch instead of per record keeps the threads busy
/// rather than waking each other. At most `window` inputs, and at most `maxCost` of their declared cost (bytes), are in
/// flight, so memory stays bounded however large the input.
public final class ParallelRunner<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    // All mutable state below is guarded by `condition`.
    private let condition = NSCondition()
    private var pending: [(sequence: Int, input: Input, cost: Int)] = []
    private var pendingHead = 0
    private var results: [Int: (output: Output, cost: Int)] = [:]
    /// Completion order, for unordered emission.
    private var completed: [Int] = []
    private var completedHead = 0
    private var submitted = 0
    private var emitted = 0
    private var inFlightCost = 0
    private var finished = false
    private var writerDone = false
    private var runningWorkers = 0

    private let ordered: Bool
    private let window: Int
    private let maxCost: Int
    private let work: @Sendable (Input) -> Output
    private let emit: @Sendable (Output) -> Void

    public init(jobs: Int, ordered: Bool = true, window: Int? = nil, maxCost: Int = .max,
                work: @escaping @Sendable (Input) -> Output, emit: @escaping @Sendable (Output) -> Void) {
        self.ordered = ordered
        self.window = window ?? max(4, jobs * 4)
        self.maxCost = maxCost
        self.work = work
        self.emit = emit
        runningWorkers = max(1, jobs)
        for _ in 0..<max(1, jobs) {
            // Strong captures: the threads outlive finish(). Named for profilers and `ps -L`.
            let thread = Thread { [self] in
                gazette_name_thread("gazette-worker")
                workerLoop()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        let writer = Thread { [self] in
            gazette_name_thread("gazette-writer")
            writerLoop()
        }
        writer.start()
    }

    /// Queues one input; waits while the window or the cost bound is full (an input is always let in when nothing
    /// else is in flight, whatever its cost).
    public func submit(_ input: Input, cost: Int = 0) {
        condition.lock()
        while submitted - emitted >= window || (submitted > emitted && inFlightCost + cost > maxCost) { condition.wait() }
        pending.append((submitted, input, cost))
        submitted += 1
        inFlightCost += cost
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every submitted input has been emitted and every thread has stopped.
    public func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        while !writerDone || runningWorkers > 0 { condition.wait() }
        condition.unlock()
    }

    private func workerLoop() {
        while true {
            condition.lock()
            while pendingHead == pending.count && !finished { condition.wait() }
            if pendingHead == pending.count {
                runningWorkers -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let (sequence, input, cost) = pending[pendingHead]
            pendingHead += 1
            // Drop taken inputs soon: the array would otherwise keep up to its whole length of batches alive.
            if pendingHead >= 16 {
                pending.removeFirst(pendingHead)
                pendingHead = 0
            }
            condition.unlock()

            let output = work(input)

            condition.lock()
            results[sequence] = (output, cost)
            if !ordered { completed.append(sequence) }
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The sequence number of the next result to emit, if it is ready. Called with the lock held.
    private func nextReady() -> Int? {
        if ordered { return results[emitted] != nil ? emitted : nil }
        guard completedHead < completed.count else { return nil }
        let sequence = completed[completedHead]
        completedHead += 1
        if completedHead > 1024, completedHead * 2 > completed.count {
            completed.removeFirst(completedHead)
            completedHead = 0
        }
        return sequence
    }

    private func writerLoop() {
        while true {
            condition.lock()
            var next = nextReady()
            while next == nil && !(finished && emitted == submitted) {
                condition.wait()
                next = nextReady()
            }
            guard let sequence = next else {
                writerDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let (output, cost) = results.removeValue(forKey: sequence)!
            condition.unlock()

            emit(output)

            condition.lock()
            emitted += 1
            inFlightCost -= cost
            condition.broadcast()
            condition.unlock()
        }
    }
}
