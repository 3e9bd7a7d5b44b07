import Foundation

extension Process {
    /// Waits for the process to exit, killing it (SIGKILL) if it is still running after `seconds`; true when it
    /// had to be killed. A child that hangs then fails its test instead of holding the whole test run (and CI) until
    /// an outer time limit ends it with no word of which command hung.
    @discardableResult
    public func waitUntilExit(killingAfter seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning && Date() < deadline { usleep(5_000) }
        guard isRunning else { waitUntilExit(); return false }
        kill(processIdentifier, SIGKILL)
        waitUntilExit()
        return true
    }

    /// Kills the process (SIGKILL) if it is still running after `seconds`, from another thread, so that reads of
    /// its output that would block forever end at that time with what was written. Call right after `run()`.
    public func killIfStillRunning(after seconds: Double) {
        let pid = processIdentifier
        let watchdog = Thread { [self] in
            let deadline = Date().addingTimeInterval(seconds)
            while isRunning && Date() < deadline { usleep(20_000) }
            if isRunning, processIdentifier == pid { kill(pid, SIGKILL) }
        }
        watchdog.start()
    }
}
