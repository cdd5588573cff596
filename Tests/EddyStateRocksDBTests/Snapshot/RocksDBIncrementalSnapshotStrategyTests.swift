import EddyCore
import EddyState
import Foundation
import Synchronization
import Testing

@testable import EddyStateRocksDB

@Suite("RocksDB incremental checkpoints")
struct RocksDBIncrementalSnapshotStrategyTests {
    @Test func checkpointRestoresEveryStateKind() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let backend = try fixture.backend()
        try StateSample.write(to: backend, keys: 0..<300)
        let handle = try backend.takeSnapshot(1, .checkpoint, fixture.location(1))
        backend.dispose()
        #expect(handle.format == .rocksDBNative)
        #expect(Set(handle.states.map(\.name)) == ["a", "l", "m", "r", "value"])
        #expect(handle.files.contains { $0.shared && $0.path.hasPrefix("shared/op-0-") && $0.localName!.hasSuffix(".sst") })
        #expect(handle.files.contains { !$0.shared && $0.path.hasPrefix("chk-1/op-0/") })

        let restored = try fixture.backend(restoring: [handle])
        defer { restored.dispose() }
        try StateSample.verify(restored, keys: 0..<300)
        #expect(!FileManager.default.fileExists(atPath: restored.parameters.workingDirectory + "/checkpoint-1"))
    }

    /// 100k keys, then 1 % of them updated: the second checkpoint uploads only the new files.
    @Test func secondCheckpointUploadsLittle() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let backend = try fixture.backend()
        let value = try backend.valueState(valueDescriptor, namespaceSerializer: void)
        for key in Int64(0)..<100_000 {
            backend.setCurrentKey(key)
            try value.update(key)
        }
        let first = try backend.takeSnapshot(1, .checkpoint, fixture.location(1))
        backend.notifyCheckpointComplete(1)
        for key in stride(from: Int64(0), to: 100_000, by: 100) {
            backend.setCurrentKey(key)
            try value.update(-key)
        }
        let second = try backend.takeSnapshot(2, .checkpoint, fixture.location(2))
        backend.dispose()
        let ratio = Double(second.newBytes) / Double(first.newBytes)
        let shared = Set(first.files.filter(\.shared).map(\.path)).intersection(second.files.map(\.path)).count
        print(
            "incremental: first \(first.newBytes) B in \(first.files.filter(\.shared).count) SSTs, second \(second.newBytes) B new "
                + "(\(String(format: "%.1f", ratio * 100)) %), \(shared) of \(second.files.filter(\.shared).count) SSTs shared")
        #expect(ratio < 0.5)
        #expect(shared > 0)

        let restored = try fixture.backend(restoring: [second])
        defer { restored.dispose() }
        let state = try restored.valueState(valueDescriptor, namespaceSerializer: void)
        var wrong = 0
        for key in Int64(0)..<100_000 {
            restored.setCurrentKey(key)
            if try state.value() != (key % 100 == 0 ? -key : key) { wrong += 1 }
        }
        #expect(wrong == 0)
    }

    /// The synchronous part fixes the content: writes after it are not in the snapshot.
    @Test func writesAfterSynchronousPartAreNotInSnapshot() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let backend = try fixture.backend()
        let value = try backend.valueState(valueDescriptor, namespaceSerializer: void)
        backend.setCurrentKey(1)
        try value.update(1)
        let checkpoint = try backend.snapshot(checkpointID: 1, kind: .checkpoint, location: fixture.location(1))
        let savepoint = try backend.snapshot(checkpointID: 2, kind: .canonicalSavepoint, location: fixture.location(2))
        // The asynchronous parts run on another thread while the task thread keeps writing.
        let results = Mutex<[Result<KeyedStateHandle, any Error>]>([])
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) {
            let handles = [Result { try checkpoint.run() }, Result { try savepoint.run() }]
            results.withLock { $0 = handles }
        }
        try value.update(2)
        for key in Int64(2)..<5_000 {
            backend.setCurrentKey(key)
            try value.update(key)
        }
        done.wait()
        let handles = try results.withLock { try $0.map { try $0.get() } }
        backend.dispose()
        for handle in handles {
            let restored = try fixture.backend(restoring: [handle])
            defer { restored.dispose() }
            let state = try restored.valueState(valueDescriptor, namespaceSerializer: void)
            restored.setCurrentKey(1)
            #expect(try state.value() == 1)
            restored.setCurrentKey(2)
            #expect(try state.value() == nil)
        }
    }
}
