import EddyCore
import EddyState

/// A ``DistinctSpillStore`` on a keyed state backend: one value state `distinct-last-slice` per user
/// (the key is the user id as `Int64`, as the stream is keyed). The backend's own snapshots carry it,
/// and restoring the backend restores it.
public final class KeyedStateSpillStore: DistinctSpillStore {
    static let stateName = "distinct-last-slice"
    let backend: any KeyedStateBackend<Int64>
    let slices: ValueStateHandle<VoidNamespace, Int64>

    public init(backend: any KeyedStateBackend<Int64>) throws {
        self.backend = backend
        slices = try backend.valueState(
            ValueStateDescriptor(name: Self.stateName, serializer: IntegerSerializer<Int64>()),
            namespaceSerializer: VoidNamespaceSerializer())
    }

    public func lastSlice(of user: UInt64) throws -> Int64? {
        backend.setCurrentKey(Int64(bitPattern: user))
        return try slices.value()
    }

    public func setLastSlice(_ slice: Int64, of user: UInt64) throws {
        backend.setCurrentKey(Int64(bitPattern: user))
        try slices.update(slice)
    }

    /// The users of the backend's key groups (a rescaled backend holds only those).
    public func allUsers() throws -> [(user: UInt64, lastSlice: Int64)] {
        try backend.keys(stateName: Self.stateName, namespace: VoidNamespace()).compactMap { key in
            backend.setCurrentKey(key)
            return try slices.value().map { (UInt64(bitPattern: key), $0) }
        }
    }

    /// The backend belongs to the job (it disposes it); nothing to do here.
    public func dispose() {}
}
