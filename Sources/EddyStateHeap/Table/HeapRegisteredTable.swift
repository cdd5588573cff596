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
    /// Entries (key, namespace) in key group index `keyGroupIndex`.
    func entryCount(keyGroupIndex: Int) -> Int
    /// The synchronous part of a snapshot: copies of the given key groups' tables, and for the
    /// groups in `deltas` (also in `keyGroupIndices`) the change segments closed after checkpoint
    /// `changesAfter`.
    /// - Complexity: O(key groups); the tables are copied on write, not now.
    func snapshot(keyGroupIndices: [Int], deltas: Set<Int>, changesAfter: Int64) -> any KeyGroupSnapshotSource
    /// Incremental mode, synchronous part of checkpoint `checkpointID`: closes the change segment
    /// (moves every map's dirty set into it). O(key groups).
    func closeChangeSegment(checkpointID: Int64)
    /// Addresses of key group index `keyGroupIndex` in change segments closed after `checkpointID`
    /// (an upper bound of the distinct changed entries).
    func changedCount(keyGroupIndex: Int, after checkpointID: Int64) -> Int
    /// Drops the change segments completed checkpoint `checkpointID` holds.
    func forgetChanges(upTo checkpointID: Int64)
    /// Decodes restored entries into the (empty) tables with the descriptor's serializers.
    /// - Throws: ``StateError`` (`.incompatible`) when an entry does not decode.
    func restore(_ restored: RestoredState) throws
    /// Drops every entry (dispose).
    func removeAll()
}
