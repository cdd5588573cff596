/// One state's changed addresses in incremental mode, cut into segments at each incremental
/// checkpoint's synchronous part: the segment a checkpoint closes holds the addresses written or
/// removed since the previous checkpoint's synchronous part, per key group.
///
/// A checkpoint's delta files must hold everything changed since the last *completed* checkpoint,
/// which may be several snapshots back when some are still running or failed, so segments stay
/// until a completed checkpoint subsumes them (``forget(upTo:)``). Closing a segment moves the sets
/// (no copy), so the synchronous part costs O(key groups) whatever was written.
///
/// Thread-safety: confined to the task thread; the sets handed to a snapshot are immutable values.
struct DirtySegments<K: Hashable, N: Hashable> {
    typealias Address = StateKey<K, N>

    /// Oldest first: the checkpoint whose synchronous part closed the segment, and the non-empty
    /// sets by key-group index.
    private var segments: [(checkpointID: Int64, sets: [Int: Set<Address>])] = []

    /// Moves every map's dirty set into a new segment for checkpoint `checkpointID`.
    mutating func close<Entry>(checkpointID: Int64, maps: [KeyGroupMap<K, N, Entry>]) {
        var sets: [Int: Set<Address>] = [:]
        for (index, map) in maps.enumerated() where !map.dirty.isEmpty {
            sets[index] = map.dirty
            map.dirty = []
        }
        segments.append((checkpointID, sets))
    }

    /// How many addresses of key group index `index` the segments closed after `checkpointID`
    /// hold: an upper bound of the distinct changed entries (one may be in several segments).
    func changedCount(keyGroupIndex index: Int, after checkpointID: Int64) -> Int {
        segments.reduce(0) { $0 + ($1.checkpointID > checkpointID ? $1.sets[index]?.count ?? 0 : 0) }
    }

    /// The sets of key group index `index` closed after `checkpointID`; their union is what
    /// changed since then.
    func sets(keyGroupIndex index: Int, after checkpointID: Int64) -> [Set<Address>] {
        segments.compactMap { $0.checkpointID > checkpointID ? $0.sets[index] : nil }
    }

    /// Drops the segments a completed checkpoint `checkpointID` holds (closed by it or before).
    mutating func forget(upTo checkpointID: Int64) {
        segments.removeAll { $0.checkpointID <= checkpointID }
    }

    mutating func removeAll() { segments = [] }
}
