import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs `work` on up to `jobs` threads and hands results to `emit` in submission order, on one writer thread.
///
/// At most `window` records are in flight, so memory stays flat on an endless stream, and each result is
/// emitted as soon as it and all earlier ones are done, so a slow stream still gets prompt output.
///
/// One mutex guards the state, with a condition for each kind of waiter (workers, the writer, the submitter), so
/// that a change wakes only the thread that can act on it: with one broadcast condition every hand-over woke all
/// four threads, about a dozen context switches per batch on a 2-core machine.
final class OrderedParallelRunner<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    // All mutable state below is guarded by `mutex`.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Workers wait here for input (or for the end).
    private let inputQueued = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// The writer waits here for the next result in order (or for the end).
    private let nextResultDone = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// The submitting thread waits here for room in the window, and in `finish` for the threads to stop.
    private let outputWritten = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    /// Inputs not yet taken by a worker; a taken slot is cleared at once so that done work is not kept alive.
    private var pending: [(sequence: Int, input: Input)?] = []
    private var pendingHead = 0
    private var results: [Int: Output] = [:]
    private var submitted = 0
    private var emitted = 0
    private var finished = false
    private var threads: [Thread] = []
    private var writerDone = false
    private var runningWorkers = 0

    private let window: Int
    private let work: @Sendable (Input) -> Output
    private let emit: @Sendable (Output, _ moreReady: Bool) -> Void

    /// `emit` gets each output and whether the next one is already done (a hint for when to flush).
    init(jobs: Int, window: Int? = nil, work: @escaping @Sendable (Input) -> Output,
         emit: @escaping @Sendable (Output, _ moreReady: Bool) -> Void) {
        self.window = window ?? max(4, jobs * 4)
        self.work = work
        self.emit = emit
        pthread_mutex_init(mutex, nil)
        for condition in [inputQueued, nextResultDone, outputWritten] { pthread_cond_init(condition, nil) }
        runningWorkers = max(1, jobs)
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

    deinit {
        for condition in [inputQueued, nextResultDone, outputWritten] {
            pthread_cond_destroy(condition)
            condition.deallocate()
        }
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Queues one input; waits while the window is full.
    func submit(_ input: Input) {
        pthread_mutex_lock(mutex)
        while submitted - emitted >= window { pthread_cond_wait(outputWritten, mutex) }
        pending.append((submitted, input))
        submitted += 1
        pthread_cond_signal(inputQueued)
        pthread_mutex_unlock(mutex)
    }

    /// Waits until every submitted input has been emitted and every thread has stopped (so that none touches this
    /// object once it is gone).
    func finish() {
        pthread_mutex_lock(mutex)
        finished = true
        pthread_cond_broadcast(inputQueued)
        pthread_cond_signal(nextResultDone)
        while !writerDone || runningWorkers > 0 { pthread_cond_wait(outputWritten, mutex) }
        pthread_mutex_unlock(mutex)
    }

    private func workerLoop() {
        while true {
            pthread_mutex_lock(mutex)
            while pendingHead == pending.count && !finished { pthread_cond_wait(inputQueued, mutex) }
            if pendingHead == pending.count {
                runningWorkers -= 1
                pthread_cond_signal(outputWritten)
                pthread_mutex_unlock(mutex)
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
            pthread_mutex_unlock(mutex)

            let output = work(input)

            pthread_mutex_lock(mutex)
            results[sequence] = output
            if sequence == emitted { pthread_cond_signal(nextResultDone) }
            pthread_mutex_unlock(mutex)
        }
    }

    private func writerLoop() {
        while true {
            pthread_mutex_lock(mutex)
            while results[emitted] == nil && !(finished && emitted == submitted) { pthread_cond_wait(nextResultDone, mutex) }
            if finished && emitted == submitted {
                writerDone = true
                pthread_cond_signal(outputWritten)
                pthread_mutex_unlock(mutex)
                return
            }
            let output = results.removeValue(forKey: emitted)!
            let moreReady = results[emitted + 1] != nil
            pthread_mutex_unlock(mutex)

            emit(output, moreReady)

            pthread_mutex_lock(mutex)
            emitted += 1
            pthread_cond_signal(outputWritten)
            pthread_mutex_unlock(mutex)
        }
    }
}
