import EddyCore

/// The namespace of state that is not scoped by window: one value per key (Flink's `VoidNamespace`).
public struct VoidNamespace: Hashable, Sendable {
    public init() {}
}

/// Serializes ``VoidNamespace`` as nothing at all, so un-namespaced state costs no key bytes.
public struct VoidNamespaceSerializer: Serializer {
    public init() {}
    public var fixedSize: Int? { 0 }
    @inlinable public func serialize<W: BinaryWriter>(_ value: VoidNamespace, to writer: inout W) {}
    @inlinable public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> VoidNamespace {
        VoidNamespace()
    }
}
