import Testing

@testable import EddyStateRocksDB

@Suite("RocksDB point reads and writes")
struct RocksDBReadWriteTests {
    @Test func putGetDelete() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = try RocksDB.open(path: dir.appending("db"))
        let family = db.defaultColumnFamily

        #expect(try db.get(bytes("k"), in: family) == nil)
        try db.put(bytes("k"), bytes("v1"), in: family)
        #expect(try db.get(bytes("k"), in: family) == bytes("v1"))
        try db.put(bytes("k"), bytes("v2"), in: family)
        #expect(try db.get(bytes("k"), in: family) == bytes("v2"))
        try db.delete(bytes("k"), in: family)
        #expect(try db.get(bytes("k"), in: family) == nil)
    }

    @Test func emptyKeysAndValuesAndNonContiguousCollections() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = try RocksDB.open(path: dir.appending("db"))
        let family = db.defaultColumnFamily

        try db.put([UInt8](), [UInt8](), in: family)
        #expect(try db.get([UInt8](), in: family) == [])
        // A Range is not contiguous storage: it takes the copying path.
        try db.put(UInt8(1)...UInt8(3), bytes("range")[...], in: family)
        #expect(try db.get([1, 2, 3], in: family) == bytes("range"))
    }

    @Test func withValueReadsWithoutCopyAndSkipsMissingKeys() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = try RocksDB.open(path: dir.appending("db"))
        let family = db.defaultColumnFamily
        try db.put(bytes("k"), [1, 2, 3, 4], in: family)

        let sum = try db.withValue(forKey: bytes("k"), in: family) { $0.reduce(0) { $0 + Int($1) } }
        #expect(sum == 10)
        var called = false
        let missing: Int? = try db.withValue(forKey: bytes("absent"), in: family) { _ in
            called = true
            return 1
        }
        #expect(missing == nil && !called)
    }

    @Test func deleteRangeRemovesHalfOpenRange() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = try RocksDB.open(path: dir.appending("db"))
        let family = db.defaultColumnFamily
        for key in ["a", "b", "c", "d"] { try db.put(bytes(key), bytes(key), in: family) }
        try db.flush()  // the tombstone must also hide keys already in SST files
        try db.put(bytes("bb"), bytes("bb"), in: family)

        try db.deleteRange(from: bytes("b"), to: bytes("d"), in: family)

        #expect(try db.get(bytes("a"), in: family) == bytes("a"))
        #expect(try db.get(bytes("b"), in: family) == nil)
        #expect(try db.get(bytes("bb"), in: family) == nil)
        #expect(try db.get(bytes("c"), in: family) == nil)
        #expect(try db.get(bytes("d"), in: family) == bytes("d"))
    }

    @Test func integerProperties() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = try RocksDB.open(path: dir.appending("db"), columnFamilies: ["other"])
        for i in 0..<100 { try db.put([UInt8(i)], [UInt8(i)], in: db.defaultColumnFamily) }

        #expect(db.property("rocksdb.estimate-num-keys") == 100)
        #expect(db.property("rocksdb.estimate-num-keys", in: db.columnFamily(named: "other")) == 0)
        #expect(db.property("rocksdb.no-such-property") == nil)
        // A string-only property has no integer form.
        #expect(db.property("rocksdb.num-files-at-level0") == nil)
        #expect(db.property("rocksdb.total-sst-files-size") == 0)
        try db.flush()
        #expect((db.property("rocksdb.total-sst-files-size") ?? 0) > 0)
    }
}
