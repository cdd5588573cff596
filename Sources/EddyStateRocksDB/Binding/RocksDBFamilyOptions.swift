import CRocksDB

/// What distinguishes one column family's options from the database's: Eddy's list states need
/// the concatenation merge operator, TTL states a compaction filter factory.
///
/// Thread-safety: a value; `Sendable`.
public struct RocksDBFamilyConfiguration: Sendable {
    /// Install ``RocksDBConcatenationMergeOperator``.
    public var concatenationMerge: Bool
    /// Install a compaction filter made per compaction by this factory.
    public var compactionFilter: (any RocksDBCompactionFilterFactory)?

    public init(concatenationMerge: Bool = false, compactionFilter: (any RocksDBCompactionFilterFactory)? = nil) {
        self.concatenationMerge = concatenationMerge
        self.compactionFilter = compactionFilter
    }
}

/// A copy of the database's `rocksdb_options_t` with one family's merge operator and compaction
/// filter; owned by the ``RocksDB`` and destroyed after it closes (RocksDB copies what it needs
/// into the family at creation, but keeping the object alive as long as the database is simplest
/// to reason about).
///
/// Thread-safety: immutable after init.
final class RocksDBFamilyOptions: @unchecked Sendable {  // immutable after init
    let options: OpaquePointer

    init(base: RocksDBOptions.Native, configuration: RocksDBFamilyConfiguration) {
        options = rocksdb_options_create_copy(base.options)!
        if configuration.concatenationMerge {
            rocksdb_options_set_merge_operator(options, RocksDBConcatenationMergeOperator.make())
        }
        if let factory = configuration.compactionFilter {
            rocksdb_options_set_compaction_filter_factory(options, RocksDBCompactionFilterBridge.makeFactory(factory))
        }
    }

    deinit { rocksdb_options_destroy(options) }
}
