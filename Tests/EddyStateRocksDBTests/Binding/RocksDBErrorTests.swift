import Foundation
import Testing

@testable import EddyStateRocksDB

@Suite("RocksDB errors")
struct RocksDBErrorTests {
    @Test func openingARegularFileThrowsNamingThePath() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.appending("not-a-directory")
        #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))

        let error = try #require(throws: RocksDBError.self) { try RocksDB.open(path: path) }
        #expect(error.code == .open)
        #expect(error.path == path)
        #expect(String(describing: error).contains(path))
        #expect(!error.message.isEmpty)
    }

    @Test func openingAMissingDatabaseWithoutCreateThrows() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var options = RocksDBOptions()
        options.createIfMissing = false
        let error = try #require(throws: RocksDBError.self) {
            try RocksDB.open(path: dir.appending("missing"), options: options)
        }
        #expect(error.code == .open)
    }

    @Test func statusTextsMapToCodes() {
        #expect(RocksDBError.classify("IO error: disk full", opening: false) == .io)
        #expect(RocksDBError.classify("IO error: lock held", opening: true) == .open)
        #expect(RocksDBError.classify("Corruption: bad block", opening: true) == .corruption)
        #expect(RocksDBError.classify("Invalid argument: x", opening: false) == .invalidArgument)
        #expect(RocksDBError.classify("Not implemented: y", opening: false) == .other)
    }
}
