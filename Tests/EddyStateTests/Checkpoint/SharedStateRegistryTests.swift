@testable import EddyState
import Foundation
import Synchronization
import Testing

@Suite("Shared state registry")
struct SharedStateRegistryTests {
    static func handle(_ path: String) -> StateFileHandle {
        StateFileHandle(path: path, size: 1, checksum: 0, shared: StateFileHandle.isShared(path))
    }

    @Test("a file shared by snapshots is deleted only when the last one is discarded")
    func referenceCounting() {
        let deleted = Mutex<[String]>([])
        let registry = SharedStateRegistry { path in deleted.withLock { $0.append(path) } }
        registry.register(snapshotID: "chk-1/op-0", files: [Self.handle("shared/a"), Self.handle("shared/b"), Self.handle("chk-1/meta")])
        registry.register(snapshotID: "chk-2/op-0", files: [Self.handle("shared/b"), Self.handle("shared/c")])
        registry.register(snapshotID: "chk-3/op-0", files: [Self.handle("shared/b"), Self.handle("shared/c")])
        #expect(registry.referenceCount(of: "shared/a") == 1)
        #expect(registry.referenceCount(of: "shared/b") == 3)
        #expect(registry.referenceCount(of: "chk-1/meta") == 0)  // exclusive files are not counted
        #expect(registry.referencedFiles == ["shared/a", "shared/b", "shared/c"])

        #expect(registry.discard(snapshotID: "chk-1/op-0") == ["shared/a"])
        #expect(registry.referenceCount(of: "shared/b") == 2)
        #expect(registry.discard(snapshotID: "chk-2/op-0") == [])
        #expect(deleted.withLock { $0 } == ["shared/a"])
        #expect(Set(registry.discard(snapshotID: "chk-3/op-0")) == ["shared/b", "shared/c"])
        #expect(Set(deleted.withLock { $0 }) == ["shared/a", "shared/b", "shared/c"])
        #expect(registry.referencedFiles.isEmpty)
    }

    @Test("discarding an unknown or already discarded snapshot is a no-op")
    func unknownDiscard() {
        let deleted = Mutex(0)
        let registry = SharedStateRegistry { _ in deleted.withLock { $0 += 1 } }
        #expect(registry.discard(snapshotID: "never") == [])
        registry.register(snapshotID: "s", files: [Self.handle("shared/x")])
        registry.register(snapshotID: "t", files: [Self.handle("shared/x")])
        #expect(registry.discard(snapshotID: "s") == [])
        #expect(registry.discard(snapshotID: "s") == [])  // a second discard must not drop t's reference
        #expect(registry.referenceCount(of: "shared/x") == 1)
        #expect(deleted.withLock { $0 } == 0)
    }

    @Test("a file re-registered after deletion is counted afresh")
    func reRegistration() {
        let registry = SharedStateRegistry { _ in }
        registry.register(snapshotID: "s1", files: [Self.handle("shared/x")])
        #expect(registry.discard(snapshotID: "s1") == ["shared/x"])
        registry.register(snapshotID: "s2", files: [Self.handle("shared/x")])
        #expect(registry.referenceCount(of: "shared/x") == 1)
    }

    @Test("local storage: shared files vanish from disk only when the last reference is discarded")
    func localFilesVanish() throws {
        try TemporaryDirectory.with { root in
            let storage = try LocalCheckpointStorage(root: root.path, jobID: "j")
            let a = try storage.write([1], to: "shared/a.sst")
            let b = try storage.write([2], to: "shared/b.sst")
            let meta = try storage.write([3], to: "chk-1/meta")
            storage.sharedRegistry.register(snapshotID: "chk-1", files: [a, b, meta])
            storage.sharedRegistry.register(snapshotID: "chk-2", files: [b])
            storage.sharedRegistry.discard(snapshotID: "chk-1")
            #expect(root.allFiles() == ["j/chk-1/meta", "j/shared/b.sst"])
            #expect(try storage.read(b) == [2])
            storage.sharedRegistry.discard(snapshotID: "chk-2")
            #expect(root.allFiles() == ["j/chk-1/meta"])
            expectStateError(.missingFile) { _ = try storage.read(b) }
        }
    }

    @Test("in-memory storage: the registry deletes from the same table")
    func inMemoryFilesVanish() throws {
        let storage = InMemoryCheckpointStorage()
        let a = try storage.write([1, 2], to: "shared/a.sst")
        storage.sharedRegistry.register(snapshotID: "chk-1", files: [a])
        #expect(storage.usedBytes == 2)
        storage.sharedRegistry.discard(snapshotID: "chk-1")
        #expect(storage.usedBytes == 0)
        expectStateError(.missingFile, path: "memory:shared/a.sst") { _ = try storage.read(a) }
    }
}
