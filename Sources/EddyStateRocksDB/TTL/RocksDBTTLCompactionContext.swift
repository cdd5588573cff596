import EddyState
import Synchronization

/// The compaction-filter factory of one state's column family, and the settings its filters read.
///
/// Every state column family gets one when it is opened or created; it holds no settings (and its
/// filters keep everything) until the state is registered with a TTL, since the TTL's duration
/// comes from the descriptor, not from the snapshot. The backend keeps a reference to update the
/// settings; RocksDB keeps one for as long as the factory lives, which may be past `dispose()`.
///
/// Thread-safety: settings behind a mutex; filters copy them once per compaction.
final class RocksDBTTLCompactionContext: RocksDBCompactionFilterFactory {
    /// What a filter needs to find expired entries.
    struct Settings: Sendable {
        var kind: StateKind
        var ttl: StateTTLConfig
        /// Moves a reader past one list element (list states only): elements have no length
        /// prefix, so only the element serializer knows where one ends.
        var skipElement: (@Sendable (inout RocksDBSliceReader) throws -> Void)?
    }

    private let settings = Mutex<Settings?>(nil)
    let clock: any StateClock

    init(clock: any StateClock) { self.clock = clock }

    /// Turns expiry on (or off, with nil) for compactions that start from now on.
    func update(_ newSettings: Settings?) { settings.withLock { $0 = newSettings } }

    /// The TTL the state was registered with, if any.
    var ttl: StateTTLConfig? { settings.withLock { $0?.ttl } }

    func makeFilter() -> any RocksDBCompactionFilter {
        RocksDBTTLCompactionFilter(settings: settings.withLock { $0 }, clock: clock)
    }
}
