import EddyState

/// Where the exact distinct counter keeps the last-seen slice of users that no longer fit its
/// in-memory table once the memory budget is used up (the state backend: RocksDB on disk, or the
/// heap). A small protocol so windowing imports no concrete backend; ``KeyedStateSpillStore`` puts
/// it on any `KeyedStateBackend`. The store is checkpointed with its backend (the keyed operator's
/// backend snapshot), not by the distinct-count operator.
///
/// Thread-safety: confined to the operator's task thread, except the asynchronous part of a snapshot.
public protocol DistinctSpillStore: AnyObject {
    /// The last-seen slice of `user`, if the store holds it.
    func lastSlice(of user: UInt64) throws -> Int64?
    /// Records `slice` as the last-seen slice of `user`.
    func setLastSlice(_ slice: Int64, of user: UInt64) throws
    /// Every user the store holds with its last-seen slice (a rescaled restore recounts them).
    /// - Complexity: O(users held); read once, at restore.
    func allUsers() throws -> [(user: UInt64, lastSlice: Int64)]
    /// Releases what the store holds.
    func dispose()
}
