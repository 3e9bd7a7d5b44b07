#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Runs `work` on `jobs` threads and hands each result to `emit` on one writer thread: in submission order, or,
/// when `ordered` is false, as soon as it is done. The one thread runner of the filter's `--jobs`, `eval` and `batch`.
///
/// Inputs are meant to be batches of records: one hand-over per batch instead of per record keeps the threads busy
/// rather than waking each other. At most `window` inputs, and at most `maxCost` of their declared cost (bytes), are
/// in flight, so memory stays flat on an endless stream; each result is emitted as soon as it (and, in order, every
/// earlier one) is done, so a slow stream still gets prompt output.
///
/// One lock guards the state, with a condition for each kind of waiter (workers, the writer, the submitter), so that
/// a change wakes only the thread that can act on it: with one broadcast condition every hand-over woke all four
/// threads, about a dozen context switches per batch on a 2-core machine. `submit` and `finish` are called from one
/// thread.
package final class ParallelRunner<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    /// What a thread of the runner does, for `threadStarted` (to name threads for profilers and `ps -L`).
    package enum ThreadRole: Sendable {
        case worker
        case writer
    }

    // All mutable state below is guarded by `monitor`.
    private let monitor = MonitorLock()
    /// Workers wait here for input (or for the end).
    private let inputQueued: MonitorLock.Condition
    /// The writer waits here for the next result to emit (or for the end).
    private let resultDone: MonitorLock.Condition
    /// The submitting thread waits here for room in the window, and in `finish` for the threads to stop.
    private let outputWritten: MonitorLock.Condition

    /// Inputs not yet taken by a worker; a taken slot is cleared at once so that done work is not kept alive.
    private var pending: [(sequence: Int, input: Input, cost: Int)?] = []
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
    private let emit: @Sendable (Output, _ moreReady: Bool) -> Void

    /// Starts `jobs` worker threads and the writer thread. `emit` gets each output and whether another one is
    /// already done (a hint for when to flush).
    package init(jobs: Int, ordered: Bool = true, window: Int? = nil, maxCost: Int = .max,
                 threadStarted: @escaping @Sendable (ThreadRole) -> Void = { _ in },
                 work: @escaping @Sendable (Input) -> Output, emit: @escaping @Sendable (Output, _ moreReady: Bool) -> Void) {
        self.ordered = ordered
        self.window = window ?? max(4, jobs * 4)
        self.maxCost = maxCost
        self.work = work
        self.emit = emit
        inputQueued = MonitorLock.Condition(monitor)
        resultDone = MonitorLock.Condition(monitor)
        outputWritten = MonitorLock.Condition(monitor)
        runningWorkers = max(1, jobs)
        // Strong captures: the threads keep the runner (and its lock) alive until they have returned.
        for _ in 0..<max(1, jobs) {
            DetachedThread.start(stackSize: 8 << 20) { [self] in
                threadStarted(.worker)
                workerLoop()
            }
        }
        DetachedThread.start { [self] in
            threadStarted(.writer)
            writerLoop()
        }
    }

    /// Queues one input; waits while the window or the cost bound is full (an input is always let in when nothing
    /// else is in flight, whatever its cost).
    package func submit(_ input: Input, cost: Int = 0) {
        monitor.lock()
        while submitted - emitted >= window || (submitted > emitted && inFlightCost + cost > maxCost) { outputWritten.wait() }
        pending.append((submitted, input, cost))
        submitted += 1
        inFlightCost += cost
        inputQueued.signal()
        monitor.unlock()
    }

    /// Waits until every submitted input has been emitted and every thread is done with the runner's state.
    package func finish() {
        monitor.lock()
        finished = true
        inputQueued.broadcast()
        resultDone.signal()
        while !writerDone || runningWorkers > 0 { outputWritten.wait() }
        monitor.unlock()
    }

    private func workerLoop() {
        while true {
            monitor.lock()
            while pendingHead == pending.count && !finished { inputQueued.wait() }
            if pendingHead == pending.count {
                runningWorkers -= 1
                outputWritten.signal()
                monitor.unlock()
                return
            }
            let (sequence, input, cost) = pending[pendingHead]!
            pending[pendingHead] = nil
            pendingHead += 1
            if pendingHead == pending.count {
                pending.removeAll(keepingCapacity: true)
                pendingHead = 0
            } else if pendingHead > 1024, pendingHead * 2 > pending.count {
                pending.removeFirst(pendingHead)
                pendingHead = 0
            }
            monitor.unlock()

            let output = work(input)

            monitor.lock()
            results[sequence] = (output, cost)
            if ordered {
                if sequence == emitted { resultDone.signal() }
            } else {
                completed.append(sequence)
                resultDone.signal()
            }
            monitor.unlock()
        }
    }

    /// The sequence number of the next result to emit, if it is done. Called with the lock held.
    private func takeNextReady() -> Int? {
        if ordered { return results[emitted] != nil ? emitted : nil }
        guard completedHead < completed.count else { return nil }
        let sequence = completed[completedHead]
        completedHead += 1
        if completedHead == completed.count {
            completed.removeAll(keepingCapacity: true)
            completedHead = 0
        } else if completedHead > 1024, completedHead * 2 > completed.count {
            completed.removeFirst(completedHead)
            completedHead = 0
        }
        return sequence
    }

    /// Whether another result is done after the one being emitted. Called with the lock held.
    private var moreReady: Bool {
        ordered ? results[emitted + 1] != nil : completedHead < completed.count
    }

    private func writerLoop() {
        while true {
            monitor.lock()
            var next = takeNextReady()
            while next == nil && !(finished && emitted == submitted) {
                resultDone.wait()
                next = takeNextReady()
            }
            guard let sequence = next else {
                writerDone = true
                outputWritten.signal()
                monitor.unlock()
                return
            }
            let (output, cost) = results.removeValue(forKey: sequence)!
            let more = moreReady
            monitor.unlock()

            emit(output, more)

            monitor.lock()
            emitted += 1
            inFlightCost -= cost
            outputWritten.signal()
            monitor.unlock()
        }
    }
}
