import Eddy
import EddyCore
import EddyState
import Foundation
import Testing

/// Snapshots, restore, rescaling, canonical savepoints across backends and corruption, on every backend.
@Suite struct SnapshotConformanceTests {
    /// Fills value, list and map state for `keys`.
    static func fill(_ backend: any KeyedStateBackend<Int64>, keys: Range<Int64>, offset: Int64 = 0) throws {
        let value = try backend.valueState(Descriptors.count, namespaceSerializer: VoidNamespaceSerializer())
        let list = try backend.listState(Descriptors.names, namespaceSerializer: VoidNamespaceSerializer())
        let map = try backend.mapState(Descriptors.attributes, namespaceSerializer: VoidNamespaceSerializer())
        for key in keys {
            backend.setCurrentKey(key)
            try value.update(key + offset)
            try list.update(["k\(key)", "v\(key + offset)"])
            try map.put("x", key)
            try map.put("y", key + offset)
        }
    }

    /// Checks the state `fill` wrote, for the keys the backend owns; returns how many it had.
    @discardableResult
    static func verify(_ backend: any KeyedStateBackend<Int64>, keys: Range<Int64>, offset: Int64 = 0) throws -> Int {
        let value = try backend.valueState(Descriptors.count, namespaceSerializer: VoidNamespaceSerializer())
        let list = try backend.listState(Descriptors.names, namespaceSerializer: VoidNamespaceSerializer())
        let map = try backend.mapState(Descriptors.attributes, namespaceSerializer: VoidNamespaceSerializer())
        var found = 0
        for key in keys where BackendFixture.owns(backend.keyGroupRange, key) {
            backend.setCurrentKey(key)
            #expect(try value.value() == key + offset)
            #expect(try list.get() == ["k\(key)", "v\(key + offset)"])
            #expect(try map.get("x") == key)
            #expect(try map.get("y") == key + offset)
            found += 1
        }
        return found
    }

    @Test(arguments: StateBackendKind.allCases)
    func checkpointRestoresEverything(_ kind: StateBackendKind) throws {
        let fixture = try BackendFixture(kind)
        let backend = try fixture.make()
        try Self.fill(backend, keys: 0..<500)
        let handle = try fixture.snapshot(backend, id: 1)
        backend.dispose()
        let restored = try fixture.make(restoring: [handle])
        defer { restored.dispose() }
        #expect(try Self.verify(restored, keys: 0..<500) == 500)
    }

    @Test(arguments: StateBackendKind.allCases)
    func rescaleOneToTwoToThreeAndBack(_ kind: StateBackendKind) throws {
        let fixture = try BackendFixture(kind)
        let one = try fixture.make()
        try Self.fill(one, keys: 0..<600)
        var handles = [try fixture.snapshot(one, id: 1)]
        one.dispose()
        var id: Int64 = 2
        for parallelism in [2, 3, 1] {
            var next: [KeyedStateHandle] = []
            var total = 0
            for (index, range) in BackendFixture.ranges(parallelism).enumerated() {
                let backend = try fixture.make(range: range, subtask: index, restoring: handles)
                total += try Self.verify(backend, keys: 0..<600)
                #expect(try (0..<128).flatMap { range.contains($0) ? try backend.keys(inKeyGroup: $0) : [] }.count
                    == (0..<600).filter { BackendFixture.owns(range, Int64($0)) }.count)
                next.append(try fixture.snapshot(backend, id: id))
                id += 1
                backend.dispose()
            }
            #expect(total == 600, "parallelism \(parallelism): every key restored exactly once")
            handles = next
        }
    }

    /// A canonical savepoint from each backend restores into each backend.
    @Test(arguments: StateBackendKind.allCases, StateBackendKind.allCases)
    func canonicalSavepointRestoresIntoAnyBackend(_ source: StateBackendKind, _ target: StateBackendKind) throws {
        let fixture = try BackendFixture(source)
        let backend = try fixture.make()
        try Self.fill(backend, keys: 0..<300, offset: 5)
        let savepoint = try fixture.snapshot(backend, id: 1, kind: .canonicalSavepoint)
        backend.dispose()
        #expect(savepoint.format == .keyGroupFiles)
        let restored = try fixture.make(restoring: [savepoint], as: target)
        defer { restored.dispose() }
        #expect(try Self.verify(restored, keys: 0..<300, offset: 5) == 300)
    }

    @Test(arguments: StateBackendKind.allCases)
    func snapshotIsolatedFromWritesAfterItsSynchronousPart(_ kind: StateBackendKind) throws {
        let fixture = try BackendFixture(kind)
        let backend = try fixture.make()
        defer { backend.dispose() }
        try Self.fill(backend, keys: 0..<200)
        let inProgress = try backend.snapshot(
            checkpointID: 1, kind: .checkpoint, location: CheckpointStorageLocation(storage: fixture.storage, checkpointID: 1))
        // The task goes on writing while the asynchronous part runs (here: on another thread).
        let result = LockedBox<Result<KeyedStateHandle, any Error>?>(nil)
        let writer = Thread { result.set(Result { try inProgress.run() }) }
        writer.start()
        try Self.fill(backend, keys: 0..<200, offset: 1000)
        while result.get() == nil { Thread.sleep(forTimeInterval: 0.001) }
        let handle = try result.get()!.get()
        fixture.storage.sharedRegistry.register(snapshotID: "chk-1", files: handle.files)
        backend.notifyCheckpointComplete(1)
        try Self.verify(backend, keys: 0..<200, offset: 1000)
        let restored = try fixture.make(restoring: [handle])
        defer { restored.dispose() }
        #expect(try Self.verify(restored, keys: 0..<200) == 200)
    }

    @Test(arguments: StateBackendKind.allCases)
    func corruptSnapshotFileIsRefusedNamingTheFile(_ kind: StateBackendKind) throws {
        let fixture = try BackendFixture(kind)
        let backend = try fixture.make()
        try Self.fill(backend, keys: 0..<300)
        let handle = try fixture.snapshot(backend, id: 1)
        backend.dispose()
        let victim = handle.files.max { $0.size < $1.size }!
        let path = fixture.storage.absolutePath(victim.path)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 2] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StateError.self) { try fixture.make(restoring: [handle]) }
        #expect(error?.code == .corruptSnapshot)
        #expect(error?.path?.hasSuffix(victim.path) == true)
        try FileManager.default.removeItem(atPath: path)
        let missing = #expect(throws: StateError.self) { try fixture.make(restoring: [handle]) }
        #expect(missing?.code == .missingFile)
        #expect(missing?.description.contains(victim.path) == true)
    }
}

/// A value shared between a test and a thread it starts.
final class LockedBox<T>: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var value: T
    init(_ value: T) { self.value = value }
    func get() -> T { lock.withLock { value } }
    func set(_ newValue: T) { lock.withLock { value = newValue } }
}
