/// Whether an operator may run in the same task as its input (a direct call, no exchange), as
/// Flink's `ChainingStrategy`.
public enum ChainingStrategy: Sendable, Hashable {
    /// Chain with the input and with what follows, when the edge allows it.
    case always
    /// Start a new chain here (`startNewChain()`), but let what follows chain to it.
    case head
    /// Never chain, neither to the input nor to what follows (`disableChaining()`).
    case never
}
