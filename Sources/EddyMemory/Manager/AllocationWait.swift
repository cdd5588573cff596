/// What to do when a request for segments finds the budget used up.
public enum AllocationWait: Sendable, Hashable {
    /// Throw ``MemoryError/Code-swift.struct/budgetExhausted`` at once.
    case fail
    /// Wait up to this many seconds for other owners to release segments, then throw
    /// ``MemoryError/Code-swift.struct/timedOut``.
    case wait(seconds: Double)
}
