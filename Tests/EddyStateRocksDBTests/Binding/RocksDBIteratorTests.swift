import Testing

@testable import EddyStateRocksDB

@Suite("RocksDB iterators")
struct RocksDBIteratorTests {
    /// Keys of every entry from the iterator's current position on.
    private func remainingKeys(_ iterator: RocksDBIterator) throws -> [String] {
        var keys: [String] = []
        while iterator.isValid {
            keys.append(String(decoding: iterator.key, as: UTF8.self))
            iterator.next()
        }
        try iterator.checkError()
        return keys
    }

    private func openFilled(_ dir: TemporaryDirectory) throws -> RocksDB {
        let db = try RocksDB.open(path: dir.appending("db"))
        for key in ["b/2", "a/1", "b/1", "c", "a/2", "b\u{7F}", "b/3"] {
            try db.put(bytes(key), bytes("v" + key), in: db.defaultColumnFamily)
        }
        return db
    }

    @Test func iteratesInKeyOrderAndSeeks() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = try openFilled(dir)
        let iterator = db.makeIterator(in: db.defaultColumnFamily)
        #expect(!iterator.isValid)
        iterator.seekToFirst()
        #expect(try remainingKeys(iterator) == ["a/1", "a/2", "b/1", "b/2", "b/3", "b\u{7F}", "c"])

        iterator.seek(to: bytes("b/15"))
        #expect(iterator.value == bytes("vb/2"))
        #expect(iterator.withKey { $0.count } == 3)
        iterator.seekToLast()
        #expect(iterator.key == bytes("c"))
        iterator.previous()
        #expect(iterator.key == bytes("b\u{7F}"))
        iterator.seek(to: bytes("d"))
        #expect(!iterator.isValid)
    }

    @Test func prefixIteratorStaysWithinPrefix() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = try openFilled(dir)
        try db.flush()  // bounds must also hold across memtable and SST files
        try db.put(bytes("b/0"), bytes("late"), in: db.defaultColumnFamily)

        let iterator = db.makeIterator(in: db.defaultColumnFamily, prefix: bytes("b/"))
        iterator.seekToFirst()
        #expect(try remainingKeys(iterator) == ["b/0", "b/1", "b/2", "b/3"])
        iterator.seek(to: bytes("a"))  // below the lower bound: clamps to it
        #expect(iterator.key == bytes("b/0"))
        iterator.close()
        #expect(!iterator.isValid)
    }

    @Test func upperBoundIsExclusive() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = try openFilled(dir)
        let iterator = db.makeIterator(in: db.defaultColumnFamily, lowerBound: bytes("a/2"), upperBound: bytes("b/2"))
        iterator.seekToFirst()
        #expect(try remainingKeys(iterator) == ["a/2", "b/1"])
    }

    @Test func prefixSuccessor() {
        #expect(RocksDB.upperBound(forPrefix: [1, 2]) == [1, 3])
        #expect(RocksDB.upperBound(forPrefix: [1, 0xFF, 0xFF]) == [2])
        #expect(RocksDB.upperBound(forPrefix: [0xFF]) == nil)
        #expect(RocksDB.upperBound(forPrefix: []) == nil)
    }

    @Test func closingTheIteratorAllowsClosingTheDatabase() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = try openFilled(dir)
        let iterator = db.makeIterator(in: db.defaultColumnFamily)
        iterator.seekToFirst()
        iterator.close()
        db.close()
        #expect(db.isClosed)
    }
}
