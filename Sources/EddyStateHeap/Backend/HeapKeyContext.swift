import EddyCore
import EddyState

/// What every state of one backend shares: the current key and its key group, the clock, and
/// whether writes record their addresses for incremental snapshots' delta files.
///
/// Inlinable as the rest of the per-access path (see ``StateKey``). The mutable fields skip
/// dynamic exclusivity checks (`@exclusivity(unchecked)`): each access is a short read or write
/// that calls out to nothing which could reach the context again, on the one task thread, and the
/// checks (a runtime call each) cost more per state access than the work.
///
/// Thread-safety: confined to the task thread.
@usableFromInline
final class HeapKeyContext<Key> {
    @usableFromInline let keyGroupRange: KeyGroupRange
    @usableFromInline let clock: any StateClock
    @usableFromInline @exclusivity(unchecked) var currentKey: Key?
    /// `currentKeyGroup - keyGroupRange.start`, the index into every state's tables.
    @usableFromInline @exclusivity(unchecked) var keyGroupIndex = 0
    /// The current key's ``KeyHashWriter/tableHash`` with ``hashPoint``, for ``StateKey``.
    @usableFromInline @exclusivity(unchecked) var keyHash = 0
    /// This backend's secret for the table hashes of keys (random: see ``KeyHashWriter``).
    @usableFromInline let hashPoint = KeyHashWriter.randomPoint()
    /// Whether writes add their address to their map's ``KeyGroupMap/dirty`` set. Only in
    /// incremental mode, and only once a delta can be written: from the first snapshot's
    /// synchronous part (or a restore with reusable files) on. Before that every non-empty key group
    /// is written whole anyway, so loading state pays no set insert.
    @usableFromInline @exclusivity(unchecked) var tracksKeys = false

    init(keyGroupRange: KeyGroupRange, clock: any StateClock) {
        self.keyGroupRange = keyGroupRange
        self.clock = clock
    }

    /// The current key.
    /// - Precondition: ``HeapKeyedStateBackend/setCurrentKey(_:)`` was called.
    @inlinable
    var key: Key {
        guard let currentKey else { preconditionFailure("keyed state accessed with no current key: call setCurrentKey first") }
        return currentKey
    }
}
