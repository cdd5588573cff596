import EddyState

/// One state the backend knows: from registration, or from a restored snapshot and not registered
/// yet (``handle`` nil), whose bytes are kept and snapshotted all the same.
///
/// Thread-safety: confined to the task thread.
final class RocksDBRegisteredState {
    var meta: RocksDBStateMeta
    let family: RocksDBColumnFamily
    /// The TTL compaction filter's settings, updated at registration.
    let compaction: RocksDBTTLCompactionContext
    /// The state handle (a `RocksDB…State<…>`), once registered.
    var handle: AnyObject?
    /// Encodes a namespace value as it appears in this state's keys (for `keys(stateName:namespace:)`);
    /// nil when the value is not of the registered namespace type.
    var encodeNamespace: ((Any) -> [UInt8]?)?

    init(meta: RocksDBStateMeta, family: RocksDBColumnFamily, compaction: RocksDBTTLCompactionContext) {
        self.meta = meta
        self.family = family
        self.compaction = compaction
    }
}
