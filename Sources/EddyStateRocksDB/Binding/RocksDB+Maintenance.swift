import CRocksDB
import Foundation

/// Flushes, properties and checkpoints.
///
/// Thread-safety: may run concurrently with reads and writes from other threads (see ``RocksDB``).
extension RocksDB {
    /// Writes every column family's memtables to SST files and waits until they are on disk.
    public func flush() throws {
        let db = self.db
        for family in columnFamilies {
            try RocksDBError.check(path: path) { errptr in
                rocksdb_flush_cf(db, native.flush, family.handle, errptr)
            }
        }
    }

    /// Compacts all of `family` now, waiting for the result; compaction filters run on every entry
    /// (RocksDB's default for manual compactions includes the bottommost level when a filter is set).
    /// Memtables overlapping the range are flushed first.
    public func compactRange(in family: RocksDBColumnFamily) {
        rocksdb_compact_range_cf(db, family.handle, nil, 0, nil, 0)
    }

    /// An integer property of `family` (default: the default family), such as
    /// `"rocksdb.estimate-num-keys"` or `"rocksdb.cur-size-all-mem-tables"`; nil if RocksDB has no
    /// integer property of that name.
    ///
    /// There is no `WaitForCompact` in the 7.8 C API: poll `"rocksdb.compaction-pending"` and
    /// `"rocksdb.num-running-compactions"` instead.
    public func property(_ name: String, in family: RocksDBColumnFamily? = nil) -> UInt64? {
        let db = self.db
        var value: UInt64 = 0
        let status = rocksdb_property_int_cf(db, (family ?? defaultColumnFamily).handle, name, &value)
        return status == 0 ? value : nil
    }

    /// Writes a consistent, openable copy of the database to `directory`, which must not exist yet.
    ///
    /// SST files are hard-linked (cheap, ~1–2 ms); the memtables are always flushed first
    /// (`log_size_for_flush = 0`). Without that forced flush a database with the WAL disabled gives a
    /// checkpoint that silently lacks everything still in memtables. The flush dominates the cost
    /// (0.15–0.4 s for a full 64 MiB memtable).
    public func createCheckpoint(at directory: String) throws {
        let db = self.db
        let checkpoint = try RocksDBError.check(path: path) { errptr in
            rocksdb_checkpoint_object_create(db, errptr)
        }
        guard let checkpoint else {
            throw RocksDBError(code: .other, message: "no checkpoint object", path: path)
        }
        defer { rocksdb_checkpoint_object_destroy(checkpoint) }
        try RocksDBError.check(path: directory) { errptr in
            rocksdb_checkpoint_create(checkpoint, directory, 0, errptr)
        }
    }
}

extension RocksDB {
    /// Flushes every memtable, then waits until no flush or compaction is running and none is
    /// pending, so that what a benchmark times next is not competing with background work left over
    /// from loading. A compaction RocksDB reports pending but does not start (universal compaction
    /// can keep the flag up with nothing to pick) ends the wait after `idleLimitMilliseconds` of
    /// nothing running. Polls (the 7.8 C API has no `WaitForCompact`).
    public func flushAndWaitForCompactions(pollMilliseconds: UInt32 = 50, idleLimitMilliseconds: UInt32 = 2000) throws {
        try flush()
        Self.waitForBackgroundWork(pollMilliseconds: pollMilliseconds, idleLimitMilliseconds: idleLimitMilliseconds) { name in
            columnFamilies.map { property(name, in: $0) ?? 0 }.max() ?? 0
        }
    }

    /// Polls `property` (an integer property, the largest over whatever it covers) until no flush
    /// or compaction runs and none is pending, or until one has been pending with nothing running
    /// for `idleLimitMilliseconds`. Shared by databases opened through ``RocksDB`` and bare ones.
    static func waitForBackgroundWork(
        pollMilliseconds: UInt32, idleLimitMilliseconds: UInt32, property: (String) -> UInt64
    ) {
        var idle: UInt32 = 0
        while idle < idleLimitMilliseconds {
            let running = property("rocksdb.num-running-compactions") > 0 || property("rocksdb.num-running-flushes") > 0
            if !running && property("rocksdb.compaction-pending") == 0 { return }
            idle = running ? 0 : idle + pollMilliseconds
            usleep(pollMilliseconds * 1000)
        }
    }
}
