#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mutex with any number of condition variables that share it, so that each kind of waiter can wait on its own
/// condition and a change wakes only a thread that can act on it (`NSCondition` ties one condition to each lock).
/// The one owner of the pthread handles.
final class MonitorLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }

    func unlock() { pthread_mutex_unlock(mutex) }

    /// A condition to wait on with this lock held.
    final class Condition: @unchecked Sendable {
        private let monitor: MonitorLock
        private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

        init(_ monitor: MonitorLock) {
            self.monitor = monitor
            pthread_cond_init(condition, nil)
        }

        deinit {
            pthread_cond_destroy(condition)
            condition.deallocate()
        }

        /// Releases the lock until signalled, then holds it again. Callers re-check what they wait for.
        func wait() { pthread_cond_wait(condition, monitor.mutex) }

        /// Wakes one waiting thread.
        func signal() { pthread_cond_signal(condition) }

        /// Wakes every waiting thread.
        func broadcast() { pthread_cond_broadcast(condition) }
    }
}
