#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mutex with any number of condition variables that share it, so that each kind of waiter can wait on its own
/// condition and a change wakes only a thread that can act on it (`NSCondition` ties one condition to each lock).
/// The one owner of the pthread handles; GazetteBatch uses it as its plain lock too.
package final class MonitorLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    /// A new, unlocked monitor.
    package init() {
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Takes the lock, waiting while another thread holds it.
    package func lock() { pthread_mutex_lock(mutex) }

    /// Releases the lock.
    package func unlock() { pthread_mutex_unlock(mutex) }

    /// Runs `body` with the lock held.
    package func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock()
        defer { unlock() }
        return try body()
    }

    /// A condition to wait on with this lock held.
    package final class Condition: @unchecked Sendable {
        private let monitor: MonitorLock
        private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

        /// A condition of `monitor`.
        package init(_ monitor: MonitorLock) {
            self.monitor = monitor
            pthread_cond_init(condition, nil)
        }

        deinit {
            pthread_cond_destroy(condition)
            condition.deallocate()
        }

        /// Releases the lock until signalled, then holds it again. Callers re-check what they wait for.
        package func wait() { pthread_cond_wait(condition, monitor.mutex) }

        /// Like `wait()`, but returns after `seconds` at the latest (a spurious or timed-out wake looks the same).
        package func wait(seconds: Double) {
            var deadline = timespec()
            clock_gettime(CLOCK_REALTIME, &deadline)
            let nanoseconds = Int(deadline.tv_nsec) + Int((seconds - seconds.rounded(.down)) * 1e9)
            deadline.tv_sec += Int(seconds.rounded(.down)) + nanoseconds / 1_000_000_000
            deadline.tv_nsec = nanoseconds % 1_000_000_000
            pthread_cond_timedwait(condition, monitor.mutex, &deadline)
        }

        /// Wakes one waiting thread.
        package func signal() { pthread_cond_signal(condition) }

        /// Wakes every waiting thread.
        package func broadcast() { pthread_cond_broadcast(condition) }
    }
}
