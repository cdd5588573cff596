import Synchronization

/// A counter written by one thread (the task's) and read by any (metrics reporters, REST).
/// Increments are a relaxed load and store, not a read-modify-write: on x86 a plain `mov`, so
/// counting every record costs about nothing (Flink's `SimpleCounter` is likewise unsynchronized).
///
/// Thread-safety: exactly one writing thread; any number of readers.
public final class SingleWriterCounter: Sendable {
    private let storage = Atomic<Int64>(0)

    public init() {}

    /// Adds `amount`. Only the owning thread may call it.
    @inline(__always)
    public func increment(by amount: Int64 = 1) {
        storage.store(storage.load(ordering: .relaxed) &+ amount, ordering: .relaxed)
    }

    /// Sets the value (for gauges such as the current watermark).
    @inline(__always)
    public func set(_ value: Int64) { storage.store(value, ordering: .relaxed) }

    public var value: Int64 { storage.load(ordering: .relaxed) }
}
