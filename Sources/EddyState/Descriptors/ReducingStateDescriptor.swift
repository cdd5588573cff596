import EddyCore

/// Describes a ``ReducingState``: values added are folded into one with `reduce`.
public struct ReducingStateDescriptor<S: Serializer>: Sendable {
    public var name: String
    public var serializer: S
    /// Must be associative; called on the task thread.
    public var reduce: @Sendable (S.Value, S.Value) -> S.Value
    public var ttl: StateTTLConfig?

    public init(
        name: String, serializer: S, ttl: StateTTLConfig? = nil,
        reduce: @escaping @Sendable (S.Value, S.Value) -> S.Value
    ) {
        self.name = name
        self.serializer = serializer
        self.reduce = reduce
        self.ttl = ttl
    }
}
