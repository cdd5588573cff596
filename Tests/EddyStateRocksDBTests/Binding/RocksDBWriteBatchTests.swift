import Testing

@testable import EddyStateRocksDB

@Suite("RocksDB write batches")
struct RocksDBWriteBatchTests {
    @Test func batchAppliesAllOperationsOnWrite() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = try RocksDB.open(path: dir.appending("db"), columnFamilies: ["other"])
        let main = db.defaultColumnFamily
        let other = try #require(db.columnFamily(named: "other"))
        try db.put(bytes("old"), bytes("x"), in: main)
        for key in ["r1", "r2", "r3"] { try db.put(bytes(key), bytes(key), in: other) }

        let batch = RocksDBWriteBatch()
        batch.put(bytes("a"), bytes("1"), in: main)
        batch.put(bytes("b"), bytes("2"), in: main)
        batch.put(bytes("c"), bytes("3"), in: other)
        batch.delete(bytes("old"), in: main)
        batch.deleteRange(from: bytes("r1"), to: bytes("r3"), in: other)
        #expect(batch.count == 5)
        // Nothing is visible before the write.
        #expect(try db.get(bytes("a"), in: main) == nil)
        #expect(try db.get(bytes("old"), in: main) == bytes("x"))

        try db.write(batch)

        #expect(try db.get(bytes("a"), in: main) == bytes("1"))
        #expect(try db.get(bytes("b"), in: main) == bytes("2"))
        #expect(try db.get(bytes("c"), in: other) == bytes("3"))
        #expect(try db.get(bytes("old"), in: main) == nil)
        #expect(try db.get(bytes("r1"), in: other) == nil)
        #expect(try db.get(bytes("r3"), in: other) == bytes("r3"))

        batch.clear()
        #expect(batch.count == 0)
        batch.put(bytes("a"), bytes("again"), in: main)
        try db.write(batch)
        #expect(try db.get(bytes("a"), in: main) == bytes("again"))
    }
}
