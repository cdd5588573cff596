#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mutex with one condition variable, on the monotonic clock: the memory manager's waiting
/// allocations and the runtime's channels and task wake-ups. The standard library's `Mutex` has no condition, and Foundation's `NSCondition`
/// waits on the wall clock, which jumps.
///
/// Thread-safety: the whole point; all state it guards is reached inside ``withLock(_:)``.
public final class ConditionLock: @unchecked Sendable {  // guards itself: pthread mutex + condition
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    public init() {
        mutex = .allocate(capacity: 1)
        condition = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        #if canImport(Glibc)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        #endif
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    @inline(__always)
    public func withLock<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Waits for a broadcast or until `deadline` (a monotonic ``monotonicNanoseconds()`` value).
    /// Must be called with the lock held (inside ``withLock(_:)``).
    /// - Returns: false when the deadline has passed.
    public func wait(untilNanoseconds deadline: UInt64) -> Bool {
        let now = monotonicNanoseconds()
        if now >= deadline { return false }
        #if canImport(Glibc)
        var spec = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        return pthread_cond_timedwait(condition, mutex, &spec) == 0 || monotonicNanoseconds() < deadline
        #else
        let remaining = deadline - now
        var spec = timespec(tv_sec: Int(remaining / 1_000_000_000), tv_nsec: Int(remaining % 1_000_000_000))
        return pthread_cond_timedwait_relative_np(condition, mutex, &spec) == 0
        #endif
    }

    /// Waits for a broadcast with no deadline. Must be called with the lock held.
    public func wait() { pthread_cond_wait(condition, mutex) }

    /// Wakes every waiter. Call with the lock held.
    public func broadcast() { pthread_cond_broadcast(condition) }
}

/// Nanoseconds on the monotonic clock (the clock ``ConditionLock`` waits on).
public func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}
