import EddyCore
import EddyState
import EddyStateHeap
import Testing

@Suite struct HeapKeyedStateBackendTests {
    @Test func setCurrentKeyComputesKeyGroupFromSerializedBytes() throws {
        let backend = try HeapBackendFixture().backend(range: KeyGroupRange(start: 0, end: 127))
        for key in [0, 1, 17, 123_456] {
            backend.setCurrentKey(key)
            #expect(backend.currentKey == key)
            #expect(backend.currentKeyGroup == HeapBackendFixture.keyGroup(of: key))
        }
    }

    @Test func registeringTwiceReturnsTheSameState() throws {
        let backend = try HeapBackendFixture().backend()
        let first = try backend.value(TestStates.value())
        let second = try backend.value(TestStates.value())
        #expect(first === second)
    }

    @Test func registeringAnotherKindUnderTheNameIsIncompatible() throws {
        let backend = try HeapBackendFixture().backend()
        _ = try backend.value(TestStates.value("shared"))
        let error = try #require(throws: StateError.self) {
            _ = try backend.listState(TestStates.list("shared"), namespaceSerializer: VoidNamespaceSerializer())
        }
        #expect(error.code == .incompatible)
        #expect(error.message.contains("'shared'"))
        let ttlError = try #require(throws: StateError.self) {
            _ = try backend.value(TestStates.value("shared", ttl: StateTTLConfig(timeToLiveMillis: 10)))
        }
        #expect(ttlError.code == .incompatible)
    }

    @Test func namespacesSeparateValues() throws {
        let backend = try HeapBackendFixture().backend()
        let state = try backend.valueState(TestStates.value(), namespaceSerializer: IntegerSerializer<Int64>())
        backend.setCurrentKey(1)
        state.setCurrentNamespace(100)
        try state.update(1)
        state.setCurrentNamespace(200)
        #expect(try state.value() == nil)
        try state.update(2)
        backend.setCurrentKey(2)
        try state.update(3)
        state.setCurrentNamespace(100)
        #expect(try state.value() == nil)
        backend.setCurrentKey(1)
        #expect(try state.value() == 1)
        try state.clear()
        state.setCurrentNamespace(200)
        #expect(try state.value() == 2)

        #expect(try backend.keys(stateName: "value", namespace: Int64(100)).isEmpty)
        #expect(try Set(backend.keys(stateName: "value", namespace: Int64(200))) == [1, 2])
        #expect(try backend.keys(stateName: "unknown", namespace: Int64(200)).isEmpty)
        let error = try #require(throws: StateError.self) {
            _ = try backend.keys(stateName: "value", namespace: "not an Int64")
        }
        #expect(error.code == .incompatible)
    }

    @Test func keysInKeyGroupSpanStates() throws {
        let backend = try HeapBackendFixture().backend()
        let value = try backend.value(TestStates.value())
        let list = try backend.listState(TestStates.list(), namespaceSerializer: VoidNamespaceSerializer())
        let keys = HeapBackendFixture.keys(inKeyGroup: 5, count: 3)
        backend.setCurrentKey(keys[0])
        try value.update(1)
        try list.add("x")
        backend.setCurrentKey(keys[1])
        try list.add("y")
        backend.setCurrentKey(HeapBackendFixture.keys(inKeyGroup: 6, count: 1)[0])
        try value.update(2)
        #expect(try Set(backend.keys(inKeyGroup: 5)) == Set(keys[0...1]))
        #expect(try backend.keys(inKeyGroup: 7).isEmpty)
    }

    @Test func disposeDropsState() throws {
        let backend = try HeapBackendFixture().backend()
        let value = try backend.value(TestStates.value())
        backend.setCurrentKey(1)
        try value.update(1)
        backend.dispose()
        #expect(try backend.keys(inKeyGroup: backend.currentKeyGroup).isEmpty)
    }
}
