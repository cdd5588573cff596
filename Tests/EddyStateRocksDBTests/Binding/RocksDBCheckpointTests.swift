import Testing

@testable import EddyStateRocksDB

@Suite("RocksDB checkpoints")
struct RocksDBCheckpointTests {
    /// The pitfall this guards: with the WAL disabled, a checkpoint that does not force a flush holds
    /// only SST files and silently misses everything still in the memtables.
    @Test func checkpointRightAfterUnloggedWritesHoldsAllData() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var options = RocksDBOptions()
        options.disableWAL = true
        let db = try RocksDB.open(path: dir.appending("db"), options: options, columnFamilies: ["state"])
        let state = try #require(db.columnFamily(named: "state"))
        for i in 0..<1000 {
            try db.put(withUnsafeBytes(of: UInt64(i).bigEndian) { Array($0) }, [UInt8(i & 0xFF)], in: state)
        }
        try db.put(bytes("meta"), bytes("m"), in: db.defaultColumnFamily)

        let checkpointPath = dir.appending("checkpoint")
        try db.createCheckpoint(at: checkpointPath)
        try db.put(bytes("after"), bytes("x"), in: db.defaultColumnFamily)

        let restored = try RocksDB.open(path: checkpointPath, options: options)
        let restoredState = try #require(restored.columnFamily(named: "state"))
        let wrong = try (0..<1000).filter { i in
            try restored.get(withUnsafeBytes(of: UInt64(i).bigEndian) { Array($0) }, in: restoredState)
                != [UInt8(i & 0xFF)]
        }
        #expect(wrong.isEmpty, "\(wrong.count) of 1000 keys missing or wrong in the checkpoint")
        #expect(try restored.get(bytes("meta"), in: restored.defaultColumnFamily) == bytes("m"))
        #expect(try restored.get(bytes("after"), in: restored.defaultColumnFamily) == nil)
    }

    @Test func checkpointIntoExistingDirectoryThrows() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = try RocksDB.open(path: dir.appending("db"))
        #expect(throws: RocksDBError.self) { try db.createCheckpoint(at: dir.path) }
    }
}
