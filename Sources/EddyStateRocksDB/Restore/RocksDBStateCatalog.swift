import EddyState

/// The state column families of a database being opened or built during restore, with their
/// compaction-filter contexts and metadata.
///
/// Opening a database asks for every family's options before any metadata can be read, so every
/// state family gets the concatenation merge operator (needed to read list merge operands; unused
/// elsewhere) and a TTL compaction context that keeps everything until the state is registered.
///
/// Thread-safety: confined to the restoring thread.
final class RocksDBStateCatalog {
    private let clock: any StateClock
    private(set) var contexts: [String: RocksDBTTLCompactionContext] = [:]

    init(clock: any StateClock) { self.clock = clock }

    /// Options of a family called `name` (nil for the default family: it holds metadata only).
    func configuration(for name: String) -> RocksDBFamilyConfiguration? {
        guard name.hasPrefix(RocksDBStateMeta.familyPrefix) else { return nil }
        let context = contexts[name] ?? RocksDBTTLCompactionContext(clock: clock)
        contexts[name] = context
        return RocksDBFamilyConfiguration(concatenationMerge: true, compactionFilter: context)
    }

    /// Opens (or creates) a database with state families configured.
    func open(path: String, options: RocksDBOptions) throws -> RocksDB {
        try RocksDB.open(path: path, options: options, configure: { self.configuration(for: $0) })
    }

    /// The states recorded in `db`'s default family.
    func states(of db: RocksDB) throws -> [String: RocksDBRegisteredState] {
        var states: [String: RocksDBRegisteredState] = [:]
        let iterator = db.makeIterator(in: db.defaultColumnFamily, prefix: Array(RocksDBStateMeta.metaKeyPrefix.utf8))
        defer { iterator.close() }
        iterator.seekToFirst()
        while iterator.isValid {
            let name = String(decoding: iterator.key.dropFirst(RocksDBStateMeta.metaKeyPrefix.utf8.count), as: UTF8.self)
            let meta = try RocksDBStateMeta(name: name, bytes: iterator.value)
            guard let family = db.columnFamily(named: meta.familyName), let context = contexts[meta.familyName] else {
                throw StateError(.corruptSnapshot, "state '\(name)' has metadata but no column family", path: db.path)
            }
            states[name] = RocksDBRegisteredState(meta: meta, family: family, compaction: context)
            iterator.next()
        }
        try iterator.checkError()
        return states
    }

    /// The state `meta` describes in `db`, created if missing.
    /// - Throws: ``StateError`` `.incompatible` when a state of that name exists with another kind,
    ///   TTL presence or namespace encoding (snapshots of different jobs mixed).
    func ensure(_ meta: RocksDBStateMeta, in db: RocksDB, states: inout [String: RocksDBRegisteredState]) throws
        -> RocksDBRegisteredState
    {
        if let existing = states[meta.name] {
            guard existing.meta == meta else {
                throw StateError(.incompatible, "state '\(meta.name)' differs between the restored snapshots")
            }
            return existing
        }
        guard let configuration = configuration(for: meta.familyName), let context = contexts[meta.familyName] else {
            preconditionFailure("state family without the state prefix")
        }
        let family = try db.createColumnFamily(named: meta.familyName, configuration: configuration)
        try db.put(meta.metaKey, meta.encoded(), in: db.defaultColumnFamily)
        let state = RocksDBRegisteredState(meta: meta, family: family, compaction: context)
        states[meta.name] = state
        return state
    }
}
