extension Duration {
    /// Whole nanoseconds, at least 1 (a metric span or interval of zero makes no sense).
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        precondition(seconds >= 0, "a metric span or interval must not be negative")
        return max(1, UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000))
    }
}
