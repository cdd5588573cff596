/// Nanoseconds since `start`: the synchronous part of a snapshot, as checkpoints report it.
func elapsedNanoseconds(since start: ContinuousClock.Instant) -> UInt64 {
    let (seconds, attoseconds) = (ContinuousClock.now - start).components
    return UInt64(max(seconds, 0)) * 1_000_000_000 + UInt64(max(attoseconds, 0) / 1_000_000_000)
}
