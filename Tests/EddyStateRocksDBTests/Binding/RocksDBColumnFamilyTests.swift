import Testing

@testable import EddyStateRocksDB

@Suite("RocksDB column families")
struct RocksDBColumnFamilyTests {
    @Test func familiesAndDataPersistAcrossReopen() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.appending("db")
        do {
            let db = try RocksDB.open(path: path, columnFamilies: ["counts", "windows"])
            #expect(db.columnFamilies.map(\.name) == ["default", "counts", "windows"])
            let counts = try #require(db.columnFamily(named: "counts"))
            try db.put(bytes("k"), bytes("in counts"), in: counts)
            try db.put(bytes("k"), bytes("in default"), in: db.defaultColumnFamily)
            db.close()
            #expect(db.isClosed)
        }
        // Reopening without naming the families still opens them: RocksDB insists on all of them.
        let db = try RocksDB.open(path: path, columnFamilies: ["extra"])
        #expect(Set(db.columnFamilies.map(\.name)) == ["default", "counts", "windows", "extra"])
        let counts = try #require(db.columnFamily(named: "counts"))
        let windows = try #require(db.columnFamily(named: "windows"))
        #expect(try db.get(bytes("k"), in: counts) == bytes("in counts"))
        #expect(try db.get(bytes("k"), in: db.defaultColumnFamily) == bytes("in default"))
        #expect(try db.get(bytes("k"), in: windows) == nil)
        #expect(db.columnFamily(named: "missing") == nil)
    }

    @Test func sharedCacheServesTwoDatabases() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let cache = RocksDBCache(capacityBytes: 4 << 20)
        var options = RocksDBOptions()
        options.blockCache = cache
        let first = try RocksDB.open(path: dir.appending("a"), options: options)
        let second = try RocksDB.open(path: dir.appending("b"), options: options)
        for db in [first, second] {
            for i in 0..<1000 { try db.put(withUnsafeBytes(of: i) { Array($0) }, [UInt8](repeating: 7, count: 100), in: db.defaultColumnFamily) }
            try db.flush()
            #expect(try db.get(withUnsafeBytes(of: 5) { Array($0) }, in: db.defaultColumnFamily)?.count == 100)
        }
        #expect(cache.capacity == 4 << 20)
        #expect(cache.usage > 0)
    }
}
