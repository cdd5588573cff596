import EddyCore
import EddyState
import EddyStateHeap
import Testing

@Suite struct HeapRestoreOperationTests {
    static func ranges(parallelism: Int) -> [KeyGroupRange] {
        (0..<parallelism).map {
            KeyGroupRangeAssignment.range(forOperatorIndex: $0, parallelism: parallelism, maxParallelism: HeapBackendFixture.maxParallelism)
        }
    }

    /// Every key of the population appears in exactly one of `backends`, with its state.
    static func expectAllKeysOnce(_ backends: [HeapBackendFixture.Backend]) throws {
        var seen: [Int: Int] = [:]
        for backend in backends {
            for keyGroup in backend.keyGroupRange {
                for key in try backend.keys(inKeyGroup: keyGroup) { seen[key, default: 0] += 1 }
            }
        }
        #expect(seen.count == StatePopulation.keys.count)
        #expect(seen.values.allSatisfy { $0 == 1 })
        let checked = try backends.reduce(0) { $0 + (try StatePopulation.verify($1)) }
        #expect(checked == StatePopulation.keys.count)
    }

    @Test(arguments: [SnapshotMode.full, .incremental])
    func rescalesOneToTwoToThreeAndBack(mode: SnapshotMode) throws {
        let fixture = HeapBackendFixture(mode: mode)
        let single = try fixture.backend()
        try StatePopulation.write(single)
        let handle = try fixture.snapshot(single, 1)

        let two = try Self.ranges(parallelism: 2).enumerated().map {
            try fixture.backend(range: $0.element, subtask: $0.offset, restoring: [handle])
        }
        #expect(two.map(\.keyGroupRange) == [KeyGroupRange(start: 0, end: 63), KeyGroupRange(start: 64, end: 127)])
        try Self.expectAllKeysOnce(two)

        let three = try Self.ranges(parallelism: 3).enumerated().map {
            try fixture.backend(range: $0.element, subtask: $0.offset, restoring: [handle])
        }
        try Self.expectAllKeysOnce(three)

        // Scale the three back into one: merge their handles.
        let handles = try three.enumerated().map { try fixture.snapshot($0.element, 2) }
        let merged = try fixture.backend(restoring: handles)
        try Self.expectAllKeysOnce([merged])
    }

    @Test func corruptFileNamesTheFile() throws {
        let fixture = HeapBackendFixture()
        let backend = try fixture.backend()
        try StatePopulation.write(backend)
        let handle = try fixture.snapshot(backend, 1)
        let path = handle.files[0].path
        var bytes = try fixture.storage.read(handle.files[0])
        bytes[bytes.count / 2] ^= 0x40
        fixture.storage.overwrite(relativePath: path, with: bytes)
        let error = try #require(throws: StateError.self) { _ = try fixture.backend(restoring: [handle]) }
        #expect(error.code == .corruptSnapshot)
        #expect(error.path?.contains(path) == true)
    }

    @Test func missingSharedFileNamesTheFile() throws {
        let fixture = HeapBackendFixture(mode: .incremental)
        let backend = try fixture.backend()
        try StatePopulation.write(backend)
        let handle = try fixture.snapshot(backend, 1)
        let victim = handle.files[handle.files.count / 2].path
        fixture.storage.delete(relativePath: victim)
        let error = try #require(throws: StateError.self) { _ = try fixture.backend(restoring: [handle]) }
        #expect(error.code == .missingFile)
        #expect(error.path?.contains(victim) == true)
    }

    @Test func rocksDBNativeHandlesAreRejected() throws {
        let fixture = HeapBackendFixture()
        let handle = KeyedStateHandle(
            format: .rocksDBNative, backend: "rocksdb", keyGroupRange: KeyGroupRange(start: 0, end: 127),
            maxParallelism: HeapBackendFixture.maxParallelism, states: [], files: [], newBytes: 0)
        let error = try #require(throws: StateError.self) { _ = try fixture.backend(restoring: [handle]) }
        #expect(error.code == .incompatible)
        #expect(error.message.contains("native"))
    }

    @Test func otherMaxParallelismIsRejected() throws {
        let fixture = HeapBackendFixture()
        var handle = try fixture.snapshot(try fixture.backend(), 1)
        handle.maxParallelism = 256
        let error = try #require(throws: StateError.self) { _ = try fixture.backend(restoring: [handle]) }
        #expect(error.code == .incompatible)
    }

    @Test func restoredStateIsCheckedWhenRegistered() throws {
        let fixture = HeapBackendFixture()
        let backend = try fixture.backend()
        try StatePopulation.write(backend)
        let restored = try fixture.backend(restoring: [fixture.snapshot(backend, 1)])

        let kindError = try #require(throws: StateError.self) { _ = try restored.value(TestStates.value("list")) }
        #expect(kindError.code == .incompatible)
        #expect(kindError.message.contains("'list'"))
        let ttlError = try #require(throws: StateError.self) {
            _ = try restored.valueState(
                TestStates.value(ttl: StateTTLConfig(timeToLiveMillis: 10)), namespaceSerializer: IntegerSerializer<Int64>())
        }
        #expect(ttlError.code == .incompatible)
        // Another namespace serializer: the bytes do not decode (8-byte namespaces read as 2).
        let decodeError = try #require(throws: StateError.self) {
            _ = try restored.valueState(TestStates.value(), namespaceSerializer: IntegerSerializer<Int16>())
        }
        #expect(decodeError.code == .incompatible)
        // Failed registrations leave the restored state intact.
        try StatePopulation.verify(restored)
    }
}
