import EddyCore
import EddyState

/// What all state handles of one backend share: the database, the clock and the current key's
/// bytes (`keyGroup ‖ encoded key`), computed once per ``RocksDBKeyedStateBackend/setCurrentKey(_:)``.
///
/// Thread-safety: confined to the task thread, as the backend.
final class RocksDBStateContext {
    let db: RocksDB
    let clock: any StateClock
    let layout: RocksDBKeyLayout
    /// `keyGroup (2 B) ‖ encoded key` of the current key; empty before the first key is set.
    var keyPrefix = ByteArrayWriter(reservingCapacity: 64)
    var hasKey = false

    init(db: RocksDB, clock: any StateClock, layout: RocksDBKeyLayout) {
        self.db = db
        self.clock = clock
        self.layout = layout
    }
}
