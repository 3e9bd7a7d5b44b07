import Foundation

/// Runs the built `gazette` executable as a child process, the way users do. Shared by the test targets that
/// run the command (`GazetteCLITests`, `GazetteBatchTests`).
public struct CommandRunner {
    public struct Result {
        /// The exit status, or minus the signal's number when a signal ended the process.
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
        public func objects() throws -> [[String: Any]] {
            try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        }
    }

    /// The `gazette` executable built beside the test bundle.
    public static var executable: URL {
        // The test bundle and the executable are built into the same products folder.
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: exe).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("gazette")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/gazette")
    }

    /// How long one run may take before it is killed and its test fails: far above what any test's command
    /// needs (seconds, even in a debug build on a loaded machine), far below CI's limit for the whole run.
    public static let timeLimit: Double = 600

    /// Runs `gazette` with `arguments`, `stdin` on its standard input and `environment` added to this process's.
    /// A run still going after `timeLimit` seconds is killed; its result then has status -9 and `stderr` says so.
    public static func run(_ arguments: [String], stdin: Data = Data(), environment: [String: String] = [:]) throws -> Result {
        let child = try ChildProcess(executable.path, arguments, environment: environment, stdin: .pipe)
        let started = Date()
        child.killIfStillRunning(after: timeLimit)
        // Feed stdin and drain stderr from other threads, so that a large input or a long stream of warnings
        // cannot deadlock against a full pipe while this thread reads stdout.
        let writer = Thread {
            child.write(stdin)
            child.closeInput()
        }
        writer.start()
        let errors = ReadToEnd(child.errors!)
        let out = ChildProcess.readAll(child.output!)
        var stderr = String(decoding: errors.wait(), as: UTF8.self)
        let termination = child.wait()
        if termination == .signal(SIGKILL), Date().timeIntervalSince(started) >= timeLimit {
            stderr += "\nCommandRunner: gazette \(arguments.joined(separator: " ")) was killed after \(Int(timeLimit)) s\n"
        }
        return Result(status: termination.status, stdout: String(decoding: out, as: UTF8.self), stderr: stderr)
    }

    /// Reads a descriptor to its end on a thread of its own.
    private final class ReadToEnd: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ descriptor: Int32) {
            let thread = Thread { [self] in
                data = ChildProcess.readAll(descriptor)
                done.signal()
            }
            thread.start()
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }

    public static func run(_ arguments: [String], stdin: String, environment: [String: String] = [:]) throws -> Result {
        try run(arguments, stdin: Data(stdin.utf8), environment: environment)
    }
}
