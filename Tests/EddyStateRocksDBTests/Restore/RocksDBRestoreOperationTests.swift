import EddyCore
import EddyState
import Foundation
import Testing

@testable import EddyStateRocksDB

@Suite("RocksDB restore")
struct RocksDBRestoreOperationTests {
    static let total: Int64 = 600

    /// 1 → 2 → 3 → 1 subtasks through native checkpoints: every key is restored exactly once.
    @Test func rescaleOneTwoThreeOne() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let first = try fixture.backend()
        try StateSample.write(to: first, keys: 0..<Self.total)
        var handles = [try first.takeSnapshot(1, .checkpoint, fixture.location(1))]
        first.dispose()
        var checkpoint: Int64 = 1
        for parallelism in [2, 3, 1] {
            checkpoint += 1
            var next: [KeyedStateHandle] = []
            var owned = 0
            for subtask in 0..<parallelism {
                let backend = try fixture.backend(subtask: subtask, parallelism: parallelism, restoring: handles)
                try StateSample.verify(backend, keys: 0..<Self.total)
                for group in backend.keyGroupRange { owned += try backend.keys(inKeyGroup: group).count }
                next.append(try backend.takeSnapshot(checkpoint, .checkpoint, fixture.location(checkpoint)))
                backend.dispose()
            }
            #expect(owned == Int(Self.total), "parallelism \(parallelism)")
            handles = next
        }
    }

    /// A canonical savepoint restores into a fresh backend, also rescaled, and its states can be
    /// registered after restore; a savepoint of a restored, never registered state keeps it.
    @Test func canonicalSavepointRestores() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let first = try fixture.backend()
        try StateSample.write(to: first, keys: 0..<Self.total)
        let savepoint = try first.takeSnapshot(1, .canonicalSavepoint, fixture.location(1))
        first.dispose()
        #expect(savepoint.format == .keyGroupFiles)
        #expect(savepoint.files.first?.path == "chk-1/op-0.savepoint.kg")

        let restored = try fixture.backend(restoring: [savepoint])
        // Not registered yet: a second savepoint must still carry its bytes.
        let again = try restored.takeSnapshot(2, .canonicalSavepoint, fixture.location(2))
        try StateSample.verify(restored, keys: 0..<Self.total)
        restored.dispose()
        var owned = 0
        for subtask in 0..<2 {
            let backend = try fixture.backend(subtask: subtask, parallelism: 2, restoring: [again])
            try StateSample.verify(backend, keys: 0..<Self.total)
            for group in backend.keyGroupRange { owned += try backend.keys(inKeyGroup: group).count }
            backend.dispose()
        }
        #expect(owned == Int(Self.total))
    }

    @Test func restoredStateIsCheckedAtRegistration() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let first = try fixture.backend()
        try StateSample.write(to: first, keys: 0..<10)
        let handle = try first.takeSnapshot(1, .checkpoint, fixture.location(1))
        first.dispose()
        let restored = try fixture.backend(restoring: [handle])
        defer { restored.dispose() }
        let wrongKind = #expect(throws: StateError.self) {
            try restored.mapState(
                MapStateDescriptor(name: "l", keySerializer: StringSerializer(), valueSerializer: StringSerializer()),
                namespaceSerializer: void)
        }
        #expect(wrongKind?.code == .incompatible)
        let withTTL = #expect(throws: StateError.self) {
            try restored.reducingState(
                ReducingStateDescriptor(name: "r", serializer: IntegerSerializer<Int64>(), ttl: StateTTLConfig(timeToLiveMillis: 5)) { $0 + $1 },
                namespaceSerializer: void)
        }
        #expect(withTTL?.code == .incompatible)
        #expect(withTTL?.message.contains("'r'") == true)
    }

    @Test func corruptSSTFailsNamingTheFileAndCleansUp() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let first = try fixture.backend()
        try StateSample.write(to: first, keys: 0..<100)
        let handle = try first.takeSnapshot(1, .checkpoint, fixture.location(1))
        first.dispose()
        let sst = try #require(handle.files.first { $0.shared })
        let path = fixture.storage.absolutePath(sst.path)
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 2] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let work = fixture.directory.appending("work-corrupt")
        let error = #expect(throws: StateError.self) { _ = try fixture.backend(restoring: [handle], name: "work-corrupt") }
        #expect(error?.code == .corruptSnapshot)
        #expect(error?.path?.hasSuffix(sst.path) == true)
        #expect(!FileManager.default.fileExists(atPath: work))
        // Also on the rescaling path.
        let rescaled = #expect(throws: StateError.self) {
            _ = try fixture.backend(subtask: 1, parallelism: 2, restoring: [handle], name: "work-corrupt-2")
        }
        #expect(rescaled?.code == .corruptSnapshot)
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.appending("work-corrupt-2")))
    }

    @Test func missingSharedFileFails() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let first = try fixture.backend()
        try StateSample.write(to: first, keys: 0..<100)
        let handle = try first.takeSnapshot(1, .checkpoint, fixture.location(1))
        first.dispose()
        let sst = try #require(handle.files.first { $0.shared })
        fixture.storage.delete(relativePath: sst.path)
        let error = #expect(throws: StateError.self) { _ = try fixture.backend(restoring: [handle], name: "work-missing") }
        #expect(error?.code == .missingFile)
        #expect(error?.path?.hasSuffix(sst.path) == true)
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.appending("work-missing")))
    }
}
