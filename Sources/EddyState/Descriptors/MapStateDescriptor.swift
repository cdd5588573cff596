import EddyCore

/// Describes a ``MapState``: with a TTL, each entry expires on its own. User keys are compared by
/// their serialized bytes in RocksDB and by `Hashable` on the heap, so the two must agree: equal
/// keys must serialize to equal bytes.
public struct MapStateDescriptor<KS: Serializer, VS: Serializer>: Sendable where KS.Value: Hashable {
    public var name: String
    public var keySerializer: KS
    public var valueSerializer: VS
    public var ttl: StateTTLConfig?

    public init(name: String, keySerializer: KS, valueSerializer: VS, ttl: StateTTLConfig? = nil) {
        self.name = name
        self.keySerializer = keySerializer
        self.valueSerializer = valueSerializer
        self.ttl = ttl
    }
}
