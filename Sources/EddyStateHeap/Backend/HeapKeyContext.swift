import EddyCore
import EddyState

/// What every state of one backend shares: the current key and its key group, the clock, and a
/// modification counter per key group (which incremental snapshots compare to find dirty groups).
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
    /// Bumped by every write to a key group; compared, never persisted. Writes after a snapshot's
    /// synchronous part bump it again, so the group stays dirty for the next snapshot.
    @usableFromInline @exclusivity(unchecked) var modifications: [UInt64]

    init(keyGroupRange: KeyGroupRange, clock: any StateClock) {
        self.keyGroupRange = keyGroupRange
        self.clock = clock
        modifications = Array(repeating: 0, count: keyGroupRange.count)
    }

    /// The current key.
    /// - Precondition: ``HeapKeyedStateBackend/setCurrentKey(_:)`` was called.
    @inlinable
    var key: Key {
        guard let currentKey else { preconditionFailure("keyed state accessed with no current key: call setCurrentKey first") }
        return currentKey
    }

    /// Records a write to the current key group.
    @inlinable
    func markModified() { modifications[keyGroupIndex] &+= 1 }

    /// Records a write to the key group at `index` (incremental TTL cleanup touches other groups).
    @inlinable
    func markModified(keyGroupIndex index: Int) { modifications[index] &+= 1 }
}
