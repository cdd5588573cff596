#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Processing time for state TTL, in milliseconds since the epoch. Injected so tests drive time by
/// hand (Flink's `TtlTimeProvider`); the default reads the wall clock.
///
/// Thread-safety: implementations must be safe to read from the task thread while a test thread
/// advances them.
public protocol StateClock: Sendable {
    func currentTimeMillis() -> Int64
}

/// The wall clock.
public struct SystemStateClock: StateClock {
    public init() {}
    public func currentTimeMillis() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}
