import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program started with `posix_spawn` and waited for with `waitpid`, its standard streams on pipes, files or
/// /dev/null: what the tests need of Foundation's `Process`, without its machinery. On Linux, `Process` notices
/// that a child ended through a run loop on a thread of its own, and tests that start many programs at once from
/// several threads met its races (a crash in that run loop; a wait that never returned, holding the whole run).
public final class ChildProcess: @unchecked Sendable {
    /// Where one of the child's standard streams goes.
    public enum Stream {
        /// A pipe whose other end this object holds (`input` for standard input, `output` / `errors` otherwise).
        case pipe
        /// /dev/null.
        case null
        /// A file, created or truncated (for standard input: read).
        case file(String)
    }

    /// How the child ended.
    public enum Termination: Equatable, Sendable {
        case exit(Int32)
        case signal(Int32)

        /// The exit status, or minus the signal's number when a signal ended the child.
        public var status: Int32 {
            switch self {
            case let .exit(code): code
            case let .signal(number): -number
            }
        }
    }

    public struct SpawnError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The child's process id.
    public let pid: pid_t
    /// The write end of the child's standard input (with `.pipe`); `closeInput()` closes it.
    public private(set) var input: Int32?
    /// The read end of the child's standard output (with `.pipe`).
    public let output: Int32?
    /// The read end of the child's standard error (with `.pipe`).
    public let errors: Int32?
    private let lock = NSLock()
    private var ended: Termination?

    /// Held while pipes are made and a child is started (see `Stream.pipe`).
    private static let spawning = NSLock()
    /// Writing to a child that has stopped reading must fail with EPIPE, not kill the test process.
    private static let pipeSignalIgnored: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Starts `executable` with `arguments`, `environment` added to this process's, in `directory` (when given).
    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], directory: String? = nil,
                stdin: Stream = .null, stdout: Stream = .pipe, stderr: Stream = .pipe) throws {
        Self.pipeSignalIgnored
        Self.spawning.lock()
        defer { Self.spawning.unlock() }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var parentEnds: [Int32] = [], childEnds: [Int32] = []
        defer { childEnds.forEach { close($0) } }
        func connect(_ stream: Stream, to target: Int32) throws -> Int32? {
            switch stream {
            case .null:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
                return nil
            case let .file(path):
                posix_spawn_file_actions_addopen(&actions, target, path, target == 0 ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                return nil
            case .pipe:
                // Close-on-exec, so that programs other tests start at the same time do not inherit these ends
                // (a child holding another's pipe would keep it from ever seeing the end of its input). Made and
                // marked under `spawning`, so no other spawn falls between the two.
                var ends: [Int32] = [0, 0]
                guard pipe(&ends) == 0 else { throw SpawnError(description: "pipe: \(String(cString: strerror(errno)))") }
                for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
                let (mine, theirs) = target == 0 ? (ends[1], ends[0]) : (ends[0], ends[1])
                parentEnds.append(mine)
                childEnds.append(theirs)
                posix_spawn_file_actions_adddup2(&actions, theirs, target)  // dup2 clears close-on-exec
                return mine
            }
        }
        do {
            input = try connect(stdin, to: 0)
            output = try connect(stdout, to: 1)
            errors = try connect(stderr, to: 2)
        } catch {
            parentEnds.forEach { close($0) }
            throw error
        }

        // Default signal handling and no blocked signals in the child, whatever this process has set.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        // posix_spawn has no portable "change directory" action: a shell changes it and then becomes the program.
        let argv = directory.map { ["/bin/sh", "-c", #"cd -- "$0" && exec "$@""#, $0, executable] + arguments } ?? [executable] + arguments
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        var cArguments = argv.map { strdup($0) } + [nil]
        var cVariables = variables.map { strdup($0) } + [nil]
        defer { (cArguments + cVariables).forEach { free($0) } }
        var child = pid_t()
        let status = posix_spawn(&child, argv[0], &actions, &attributes, &cArguments, &cVariables)
        guard status == 0 else {
            parentEnds.forEach { close($0) }
            throw SpawnError(description: "posix_spawn \(argv[0]): \(String(cString: strerror(status)))")
        }
        pid = child
    }

    deinit {
        [input, output, errors].compactMap { $0 }.forEach { close($0) }
    }

    /// Closes the child's standard input (it then reads its end).
    public func closeInput() {
        if let input { close(input) }
        input = nil
    }

    /// Writes all of `bytes` to the child's standard input (blocking; false if the child stopped reading).
    @discardableResult
    public func write(_ bytes: Data) -> Bool {
        guard let input else { return false }
        return bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let n = Glibc.write(input, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return true
        }
    }

    /// Reads what is available on `descriptor` (blocking until something is, or the end): empty at the end.
    public static func readSome(_ descriptor: Int32) -> Data {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(descriptor, &buffer, buffer.count)
            if n < 0, errno == EINTR { continue }
            return n > 0 ? Data(buffer[0..<n]) : Data()
        }
    }

    /// Reads `descriptor` to its end.
    public static func readAll(_ descriptor: Int32) -> Data {
        var data = Data()
        while true {
            let chunk = readSome(descriptor)
            if chunk.isEmpty { return data }
            data.append(chunk)
        }
    }

    /// Sends `signal` to the child (nothing if it has been waited for).
    public func send(_ signal: Int32) {
        lock.lock()
        defer { lock.unlock() }
        if ended == nil { kill(pid, signal) }
    }

    /// How the child ended, once it has; nil while it runs.
    public var termination: Termination? {
        lock.lock()
        defer { lock.unlock() }
        if ended == nil { reap(nonBlocking: true) }
        return ended
    }

    /// Whether the child is still running.
    public var isRunning: Bool { termination == nil }

    /// Waits for the child to end.
    @discardableResult
    public func wait() -> Termination {
        // Blocks without reaping (WNOWAIT) and without the lock, so that `send` still works meanwhile; the child is
        // reaped under the lock, so a signal never reaches a process that has taken over its id.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0, errno == EINTR {}
        lock.lock()
        defer { lock.unlock() }
        while ended == nil { reap() }
        return ended!
    }

    /// Waits for the child to end, killing it (SIGKILL) if it still runs after `seconds`: a hung child then fails
    /// its test instead of holding the whole run. `killed` tells whether it had to be killed.
    @discardableResult
    public func wait(killingAfter seconds: Double) -> (termination: Termination, killed: Bool) {
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning && Date() < deadline { usleep(5_000) }
        guard isRunning else { return (wait(), false) }
        send(SIGKILL)
        return (wait(), true)
    }

    /// Kills the child (SIGKILL) if it still runs after `seconds`, from another thread, so that reads of its
    /// output that would block forever end then with what was written. Call right after starting it.
    public func killIfStillRunning(after seconds: Double) {
        let watchdog = Thread { [self] in
            let deadline = Date().addingTimeInterval(seconds)
            while isRunning && Date() < deadline { usleep(20_000) }
            send(SIGKILL)
        }
        watchdog.start()
    }

    // With `lock` held.
    private func reap(nonBlocking: Bool = false) {
        var status: Int32 = 0
        let result = waitpid(pid, &status, nonBlocking ? WNOHANG : 0)
        if result == pid {
            // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import (macros).
            let signal = status & 0x7F
            ended = signal == 0 ? .exit((status >> 8) & 0xFF) : .signal(signal)
        } else if result < 0, errno != EINTR {
            ended = .exit(-1)  // not our child any more (cannot happen for a child this object started)
        }
    }
}
