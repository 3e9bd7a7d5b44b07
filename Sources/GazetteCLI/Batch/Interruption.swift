import Dispatch
import GazetteBatch
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM stop a batch cleanly: the first one asks the runner to finish the documents in flight and
/// commit them; a second one exits at once (safe too: the output folder resumes as after a kill).
final class Interruption: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    // Touched on the signal queue, read by the main thread after the run.
    private let queue = DispatchQueue(label: "gazette.batch.signals")
    private var received: Int32?

    var signal: Int32? { queue.sync { received } }

    init(runner: BatchRunner) {
        for number in [SIGINT, SIGTERM] {
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [unowned self] in
                if received != nil { _exit(128 + number) }
                received = number
                printError("\ngazette batch: stopping: finishing the documents in flight (again to stop at once)")
                runner.cancel()
            }
            source.resume()
            sources.append(source)
        }
    }
}
