import EddyCore

/// Describes a ``ValueState``: its name (unique per operator), how values are serialized, the value
/// returned when none is set, and its TTL.
public struct ValueStateDescriptor<S: Serializer> {
    public var name: String
    public var serializer: S
    /// Returned by `value()` when the key has no value (Flink's deprecated default value; handy).
    public var defaultValue: S.Value?
    public var ttl: StateTTLConfig?

    public init(name: String, serializer: S, defaultValue: S.Value? = nil, ttl: StateTTLConfig? = nil) {
        self.name = name
        self.serializer = serializer
        self.defaultValue = defaultValue
        self.ttl = ttl
    }
}

extension ValueStateDescriptor: Sendable where S.Value: Sendable {}
