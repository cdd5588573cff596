import EddyCore

/// The namespace of state that is not scoped by window: one value per key (Flink's `VoidNamespace`).
public struct VoidNamespace: Hashable, Sendable {
    @inlinable public init() {}

    // Written out rather than synthesized so they inline into other modules' specialized state
    // lookups (a synthesized conformance is an opaque call there).
    @inlinable public static func == (lhs: VoidNamespace, rhs: VoidNamespace) -> Bool { true }
    @inlinable public func hash(into hasher: inout Hasher) {}
    /// All void namespaces are equal: they add nothing to a hash (lets ``StateKey`` hash an
    /// un-namespaced key exactly as the key alone, in one shot).
    @inlinable public func _rawHashValue(seed: Int) -> Int { seed }
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
