import CRocksDB

extension RocksDBOptions {
    /// The C option objects of one database, built once at open and reused by every call, so reads and
    /// writes allocate no options.
    ///
    /// Thread-safety: created before the database opens and only read afterwards; RocksDB reads its
    /// option objects without mutating them, so concurrent calls may share them.
    final class Native: @unchecked Sendable {  // immutable after init; only read concurrently
        /// `rocksdb_options_t*`: database and column-family options (all families share them).
        let options: OpaquePointer
        /// `rocksdb_writeoptions_t*`
        let write: OpaquePointer
        /// `rocksdb_readoptions_t*` for point lookups (iterators own theirs, since bounds live there).
        let read: OpaquePointer
        /// `rocksdb_flushoptions_t*` that waits for the flush to finish.
        let flush: OpaquePointer
        /// Kept so the cache object lives as long as the database, even if RocksDB's own reference
        /// would suffice: it documents the ownership and keeps ``RocksDBCache`` statistics meaningful.
        let cache: RocksDBCache

        init(_ settings: RocksDBOptions) {
            cache = settings.blockCache ?? RocksDBCache(capacityBytes: settings.blockCacheBytes)

            let table = rocksdb_block_based_options_create()!
            // The table options copy the cache's shared_ptr and the factory below copies the table
            // options, so the table options can be destroyed right after.
            defer { rocksdb_block_based_options_destroy(table) }
            rocksdb_block_based_options_set_block_cache(table, cache.handle)
            if let bits = settings.bloomBitsPerKey {
                // Ownership passes to the table options (c.cc: filter_policy.reset(policy)): do not
                // destroy the policy ourselves.
                rocksdb_block_based_options_set_filter_policy(table, rocksdb_filterpolicy_create_bloom_full(bits))
            }
            if settings.cacheIndexAndFilterBlocks {
                rocksdb_block_based_options_set_cache_index_and_filter_blocks(table, 1)
                rocksdb_block_based_options_set_pin_l0_filter_and_index_blocks_in_cache(table, 1)
            }

            let options = rocksdb_options_create()!
            rocksdb_options_set_block_based_table_factory(options, table)
            rocksdb_options_set_create_if_missing(options, settings.createIfMissing ? 1 : 0)
            rocksdb_options_set_create_missing_column_families(options, 1)
            rocksdb_options_set_write_buffer_size(options, settings.writeBufferBytes)
            rocksdb_options_set_max_write_buffer_number(options, Int32(settings.maxWriteBuffers))
            rocksdb_options_set_db_write_buffer_size(options, settings.dbWriteBufferBytes)
            rocksdb_options_set_compression(options, settings.compression.cValue)
            rocksdb_options_set_max_background_jobs(options, Int32(settings.maxBackgroundJobs))
            rocksdb_options_set_target_file_size_base(options, UInt64(settings.targetFileSizeBase))
            rocksdb_options_set_max_bytes_for_level_base(options, UInt64(settings.maxBytesForLevelBase))
            rocksdb_options_set_level0_file_num_compaction_trigger(options, Int32(settings.level0FileNumCompactionTrigger))
            if case .universal(let ratio, let amplification) = settings.compactionStyle {
                rocksdb_options_set_compaction_style(options, Int32(rocksdb_universal_compaction))
                let universal = rocksdb_universal_compaction_options_create()!
                // The options copy the struct, so it can go at once.
                defer { rocksdb_universal_compaction_options_destroy(universal) }
                rocksdb_universal_compaction_options_set_size_ratio(universal, Int32(ratio))
                rocksdb_universal_compaction_options_set_max_size_amplification_percent(universal, Int32(amplification))
                rocksdb_options_set_universal_compaction_options(options, universal)
            }
            self.options = options

            write = rocksdb_writeoptions_create()!
            rocksdb_writeoptions_disable_WAL(write, settings.disableWAL ? 1 : 0)
            read = rocksdb_readoptions_create()!
            flush = rocksdb_flushoptions_create()!
            rocksdb_flushoptions_set_wait(flush, 1)
        }

        deinit {
            rocksdb_flushoptions_destroy(flush)
            rocksdb_readoptions_destroy(read)
            rocksdb_writeoptions_destroy(write)
            rocksdb_options_destroy(options)
        }
    }
}

extension RocksDBOptions.Compression {
    /// RocksDB's `rocksdb_*_compression` constant.
    var cValue: Int32 {
        switch self {
        case .none: Int32(rocksdb_no_compression)
        case .snappy: Int32(rocksdb_snappy_compression)
        case .lz4: Int32(rocksdb_lz4_compression)
        case .zstd: Int32(rocksdb_zstd_compression)
        }
    }
}
