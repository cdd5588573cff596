import EddyState

/// One state's contribution to a snapshot, frozen by the synchronous part: writes the state's
/// entries of a key group into a file in the asynchronous part.
///
/// Thread-safety: created on the task thread, then used by exactly one snapshot thread; it must not
/// read anything the task thread goes on mutating.
protocol KeyGroupSnapshotSource: Sendable {
    var metaInfo: StateMetaInfo { get }
    /// Writes the entries of key group index `keyGroupIndex` (relative to the backend's range).
    /// - Parameter now: when set, entries of states with `cleanupInFullSnapshot` that expired by
    ///   then are left out.
    func write(
        keyGroupIndex: Int, stateIndex: Int, cleanupAt now: Int64?, into file: inout KeyGroupStateFileWriter,
        scratch: inout EntryScratch)
    /// Writes the entries of key group index `keyGroupIndex` changed since the last completed
    /// checkpoint into a delta file: each one's current value, or a tombstone when it is gone.
    func writeChanges(
        keyGroupIndex: Int, stateIndex: Int, into file: inout KeyGroupStateFileWriter, scratch: inout EntryScratch)
}
