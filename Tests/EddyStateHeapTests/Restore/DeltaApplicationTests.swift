import EddyCore
import EddyState
import EddyStateHeap
import Testing

/// Restoring base + delta chains: removals, long chains against a model, rescaling, and broken
/// delta files.
@Suite struct DeltaApplicationTests {
    @Test func removalsRestoreAsRemovals() throws {
        let fixture = HeapBackendFixture(mode: .incremental)
        let backend = try fixture.backend()
        try StatePopulation.write(backend)
        _ = try fixture.snapshot(backend, 1)
        backend.notifyCheckpointComplete(1)

        let value = try backend.valueState(TestStates.value(), namespaceSerializer: IntegerSerializer<Int64>())
        let list = try backend.listState(TestStates.list(), namespaceSerializer: VoidNamespaceSerializer())
        let map = try backend.mapState(TestStates.map(), namespaceSerializer: VoidNamespaceSerializer())
        backend.setCurrentKey(10)
        value.setCurrentNamespace(1)
        try value.clear()
        try list.clear()
        try map.remove("j")  // one map key of two: the rest stays
        backend.setCurrentKey(11)
        try map.remove("j")
        try map.remove("k")  // the whole map
        let second = try fixture.snapshot(backend, 2)
        #expect(second.newBytes > 0)
        #expect(Set(second.files.filter { $0.path.hasSuffix(".delta") }.compactMap { $0.keyGroups?.first })
            == Set([10, 11].map(HeapBackendFixture.keyGroup(of:))))

        let restored = try fixture.backend(restoring: [second])
        let restoredValue = try restored.valueState(TestStates.value(), namespaceSerializer: IntegerSerializer<Int64>())
        let restoredList = try restored.listState(TestStates.list(), namespaceSerializer: VoidNamespaceSerializer())
        let restoredMap = try restored.mapState(TestStates.map(), namespaceSerializer: VoidNamespaceSerializer())
        restored.setCurrentKey(10)
        restoredValue.setCurrentNamespace(1)
        #expect(try restoredValue.value() == nil)
        restoredValue.setCurrentNamespace(2)
        #expect(try restoredValue.value() == 102)
        #expect(try restoredList.get().isEmpty)
        #expect(try restoredMap.entries().map(\.key) == ["k"])
        restored.setCurrentKey(11)
        #expect(try restoredMap.isEmpty())
        #expect(try StatePopulation.verify(restored, keys: 12..<300) == 288)
    }

    @Test func aChainOfDeltasRestoresTheExactState() throws {
        let fixture = HeapBackendFixture(mode: .incremental)
        let backend = try fixture.backend()
        let value = try backend.value(TestStates.value())
        let map = try backend.mapState(TestStates.map(), namespaceSerializer: VoidNamespaceSerializer())
        var values: [Int: Int] = [:]
        var maps: [Int: [String: Int]] = [:]
        var random = SystemRandomNumberGenerator()
        var handle: KeyedStateHandle?
        for id in Int64(1)...7 {
            for _ in 0..<(id == 1 ? 2_000 : 20) {
                let key = Int.random(in: 0..<1_000, using: &random)
                backend.setCurrentKey(key)
                switch Int.random(in: 0..<4, using: &random) {
                case 0:
                    try value.clear()
                    values[key] = nil
                case 1:
                    let mapKey = ["a", "b", "c"].randomElement(using: &random)!
                    try map.remove(mapKey)
                    maps[key]?[mapKey] = nil
                    if maps[key]?.isEmpty == true { maps[key] = nil }
                case 2:
                    let mapKey = ["a", "b", "c"].randomElement(using: &random)!
                    try map.put(mapKey, Int(id))
                    maps[key, default: [:]][mapKey] = Int(id)
                default:
                    let number = Int.random(in: 0..<1_000_000, using: &random)
                    try value.update(number)
                    values[key] = number
                }
            }
            handle = try fixture.snapshot(backend, id)
            backend.notifyCheckpointComplete(id)
        }
        let last = try #require(handle)
        #expect(last.files.contains { $0.path.hasSuffix("-chk7.delta") })
        #expect(last.files.contains { $0.path.hasSuffix(".delta") && !$0.path.hasSuffix("-chk7.delta") })

        let restored = try fixture.backend(restoring: [last])
        let restoredValue = try restored.value(TestStates.value())
        let restoredMap = try restored.mapState(TestStates.map(), namespaceSerializer: VoidNamespaceSerializer())
        for key in 0..<1_000 {
            restored.setCurrentKey(key)
            #expect(try restoredValue.value() == values[key], "key \(key)")
            let entries = try restoredMap.entries()
            #expect(Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.value) }) == maps[key] ?? [:], "key \(key)")
        }
    }

    @Test func rescalesFromABaseAndDeltaChain() throws {
        let fixture = HeapBackendFixture(mode: .incremental)
        let single = try fixture.backend()
        try StatePopulation.write(single)
        _ = try fixture.snapshot(single, 1)
        single.notifyCheckpointComplete(1)
        // Change keys back and forth: the deltas hold changes, the population ends as written.
        let sum = try single.reducingState(TestStates.reducing(), namespaceSerializer: VoidNamespaceSerializer())
        for key in stride(from: 0, to: 300, by: 7) {
            single.setCurrentKey(key)
            try sum.clear()
        }
        _ = try fixture.snapshot(single, 2)
        single.notifyCheckpointComplete(2)
        for key in stride(from: 0, to: 300, by: 7) {
            single.setCurrentKey(key)
            try sum.add(key)
            try sum.add(1)
        }
        let handle = try fixture.snapshot(single, 3)
        #expect(handle.files.filter { $0.path.hasSuffix(".delta") }.count > 10)

        for parallelism in [2, 3] {
            let backends = try HeapRestoreOperationTests.ranges(parallelism: parallelism).enumerated().map {
                try fixture.backend(range: $0.element, subtask: $0.offset, restoring: [handle])
            }
            try HeapRestoreOperationTests.expectAllKeysOnce(backends)
            // Each goes on with deltas on the chains it restored.
            let next = try fixture.snapshot(backends[0], 4)
            #expect(next.newBytes == 0)
            #expect(Set(next.files).isSubset(of: Set(handle.files)))
        }
    }

    /// A backend with a base and a delta for key group 42, and the delta's handle.
    static func chainWithDelta(_ fixture: HeapBackendFixture) throws -> (KeyedStateHandle, StateFileHandle) {
        let backend = try fixture.backend()
        try StatePopulation.write(backend)
        _ = try fixture.snapshot(backend, 1)
        backend.notifyCheckpointComplete(1)
        backend.setCurrentKey(HeapBackendFixture.keys(inKeyGroup: 42, count: 1)[0])
        try backend.value(TestStates.value("extra")).update(1)
        let handle = try fixture.snapshot(backend, 2)
        return (handle, try #require(handle.files.first { $0.path.hasSuffix(".delta") }))
    }

    @Test func corruptDeltaFileNamesIt() throws {
        let fixture = HeapBackendFixture(mode: .incremental)
        let (handle, delta) = try Self.chainWithDelta(fixture)
        var bytes = try fixture.storage.read(delta)
        bytes[bytes.count / 2] ^= 0x40
        fixture.storage.overwrite(relativePath: delta.path, with: bytes)
        let error = try #require(throws: StateError.self) { _ = try fixture.backend(restoring: [handle]) }
        #expect(error.code == .corruptSnapshot)
        #expect(error.path?.contains(delta.path) == true)
    }

    @Test func missingDeltaFileNamesIt() throws {
        let fixture = HeapBackendFixture(mode: .incremental)
        let (handle, delta) = try Self.chainWithDelta(fixture)
        fixture.storage.delete(relativePath: delta.path)
        let error = try #require(throws: StateError.self) { _ = try fixture.backend(restoring: [handle]) }
        #expect(error.code == .missingFile)
        #expect(error.path?.contains(delta.path) == true)
    }

    @Test func deltaBeforeItsBaseIsCorrupt() throws {
        let fixture = HeapBackendFixture(mode: .incremental)
        var (handle, delta) = try Self.chainWithDelta(fixture)
        handle.files.removeAll { $0 == delta }
        handle.files.insert(delta, at: 0)
        let error = try #require(throws: StateError.self) { _ = try fixture.backend(restoring: [handle]) }
        #expect(error.code == .corruptSnapshot)
        #expect(error.path == delta.path)
    }
}
