import Foundation
import GazetteTestSupport
import Testing

/// The test support's process starter, on plain system programs.
@Suite("Child process")
struct ChildProcessTests {
    @Test func outputExitStatusAndDirectory() throws {
        let child = try ChildProcess("/bin/sh", ["-c", "pwd; echo oops >&2; exit 3"], directory: "/tmp")
        let output = ChildProcess.readAll(child.output!), errors = ChildProcess.readAll(child.errors!)
        #expect(child.wait() == .exit(3))
        #expect(String(decoding: output, as: UTF8.self) == "/tmp\n")
        #expect(String(decoding: errors, as: UTF8.self) == "oops\n")
    }

    @Test func inputIsReadUntilClosed() throws {
        let child = try ChildProcess("/bin/cat", [], stdin: .pipe)
        #expect(child.write(Data("one\ntwo\n".utf8)))
        child.closeInput()
        #expect(String(decoding: ChildProcess.readAll(child.output!), as: UTF8.self) == "one\ntwo\n")
        #expect(child.wait() == .exit(0))
    }

    @Test func aChildPastItsTimeLimitIsKilled() throws {
        let child = try ChildProcess("/bin/sleep", ["30"], stdout: .null, stderr: .null)
        #expect(child.isRunning)
        let (termination, killed) = child.wait(killingAfter: 0.2)
        #expect(killed && termination == .signal(SIGKILL) && termination.status == -SIGKILL)
        #expect(!child.isRunning)
    }

    @Test func aSignalEndsTheChildAndIsReported() throws {
        let child = try ChildProcess("/bin/sleep", ["30"], stdout: .null, stderr: .null)
        child.send(SIGTERM)
        #expect(child.wait() == .signal(SIGTERM))
        child.send(SIGTERM)  // after the child has been waited for: nothing happens
    }
}
