import EddyState

/// The backend's view of a registered state, with the state's generic types hidden: what snapshots,
/// restore and key listing need. Per-record access goes through the concrete state classes instead.
///
/// Thread-safety: confined to the task thread.
protocol HeapRegisteredTable<Key>: AnyObject {
    associatedtype Key: Hashable
    var metaInfo: StateMetaInfo { get }
    /// Keys with an entry under `namespace`.
    /// - Throws: ``StateError`` (`.incompatible`) when `N` is not the state's namespace type.
    func keys<N: Hashable>(namespace: N) throws -> [Key]
    /// Adds the keys with an entry in key group index `keyGroupIndex` to `keys`.
    func collectKeys(inKeyGroupIndex keyGroupIndex: Int, into keys: inout Set<Key>)
    /// Whether key group index `keyGroupIndex` holds no entry.
    func isEmpty(keyGroupIndex: Int) -> Bool
    /// The synchronous part of a snapshot: copies of the given key groups' tables.
    /// - Complexity: O(key groups); the dictionaries are copied on write, not now.
    func snapshot(keyGroupIndices: [Int]) -> any KeyGroupSnapshotSource
    /// Decodes restored entries into the (empty) tables with the descriptor's serializers.
    /// - Throws: ``StateError`` (`.incompatible`) when an entry does not decode.
    func restore(_ restored: RestoredState) throws
    /// Drops every entry (dispose).
    func removeAll()
}
