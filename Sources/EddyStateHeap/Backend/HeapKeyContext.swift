import EddyCore
import EddyState

/// What every state of one backend shares: the current key and its key group, the clock, and a
/// modification counter per key group (which incremental snapshots compare to find dirty groups).
///
/// Thread-safety: confined to the task thread.
final class HeapKeyContext<Key> {
    let keyGroupRange: KeyGroupRange
    let clock: any StateClock
    var currentKey: Key?
    /// `currentKeyGroup - keyGroupRange.start`, the index into every state's tables.
    var keyGroupIndex = 0
    /// Bumped by every write to a key group; compared, never persisted. Writes after a snapshot's
    /// synchronous part bump it again, so the group stays dirty for the next snapshot.
    var modifications: [UInt64]

    init(keyGroupRange: KeyGroupRange, clock: any StateClock) {
        self.keyGroupRange = keyGroupRange
        self.clock = clock
        modifications = Array(repeating: 0, count: keyGroupRange.count)
    }

    /// The current key.
    /// - Precondition: ``HeapKeyedStateBackend/setCurrentKey(_:)`` was called.
    @inline(__always)
    var key: Key {
        guard let currentKey else { preconditionFailure("keyed state accessed with no current key: call setCurrentKey first") }
        return currentKey
    }

    /// Records a write to the current key group.
    @inline(__always)
    func markModified() { modifications[keyGroupIndex] &+= 1 }

    /// Records a write to the key group at `index` (incremental TTL cleanup touches other groups).
    @inline(__always)
    func markModified(keyGroupIndex index: Int) { modifications[index] &+= 1 }
}
