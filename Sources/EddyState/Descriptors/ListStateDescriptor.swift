import EddyCore

/// Describes a ``ListState``: with a TTL, each element expires on its own.
public struct ListStateDescriptor<S: Serializer>: Sendable {
    public var name: String
    /// Serializes one element.
    public var elementSerializer: S
    public var ttl: StateTTLConfig?

    public init(name: String, elementSerializer: S, ttl: StateTTLConfig? = nil) {
        self.name = name
        self.elementSerializer = elementSerializer
        self.ttl = ttl
    }
}
