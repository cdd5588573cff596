import Eddy
import EddyCore
import EddyState
import Testing

/// Every state kind behaves the same on every backend.
@Suite struct StateKindsConformanceTests {
    @Test(arguments: StateBackendKind.allCases)
    func valueStatePerKeyAndNamespace(_ kind: StateBackendKind) throws {
        let fixture = try BackendFixture(kind)
        let backend = try fixture.make()
        defer { backend.dispose() }
        let withDefault = ValueStateDescriptor(name: "d", serializer: IntegerSerializer<Int64>(), defaultValue: -1)
        let state = try backend.valueState(Descriptors.count, namespaceSerializer: IntegerSerializer<Int64>())
        let defaulted = try backend.valueState(withDefault, namespaceSerializer: VoidNamespaceSerializer())
        for key in Int64(0)..<200 {
            backend.setCurrentKey(key)
            state.setCurrentNamespace(1)
            try state.update(key * 10)
            state.setCurrentNamespace(2)
            try state.update(key * 20)
        }
        backend.setCurrentKey(7)
        state.setCurrentNamespace(1)
        #expect(try state.value() == 70)
        state.setCurrentNamespace(2)
        #expect(try state.value() == 140)
        try state.clear()
        #expect(try state.value() == nil)
        state.setCurrentNamespace(1)
        #expect(try state.value() == 70)
        #expect(try defaulted.value() == -1)
        try defaulted.update(5)
        #expect(try defaulted.value() == 5)
        try defaulted.update(nil)
        #expect(try defaulted.value() == -1)
        // Same name again gives the same state; another kind under that name is refused.
        let again = try backend.valueState(Descriptors.count, namespaceSerializer: IntegerSerializer<Int64>())
        again.setCurrentNamespace(1)
        #expect(try again.value() == 70)
        #expect(throws: StateError.self) {
            _ = try backend.listState(ListStateDescriptor(name: "count", elementSerializer: StringSerializer()), namespaceSerializer: VoidNamespaceSerializer())
        }
    }

    @Test(arguments: StateBackendKind.allCases)
    func listState(_ kind: StateBackendKind) throws {
        let fixture = try BackendFixture(kind)
        let backend = try fixture.make()
        defer { backend.dispose() }
        let list = try backend.listState(Descriptors.names, namespaceSerializer: VoidNamespaceSerializer())
        backend.setCurrentKey(1)
        #expect(try list.get().isEmpty)
        try list.add("a")
        try list.addAll(["b", "c"])
        try list.add("d")
        #expect(try list.get() == ["a", "b", "c", "d"])
        backend.setCurrentKey(2)
        #expect(try list.get().isEmpty)
        try list.update(["x"])
        #expect(try list.get() == ["x"])
        try list.update([])
        #expect(try list.get().isEmpty)
        backend.setCurrentKey(1)
        try list.clear()
        #expect(try list.get().isEmpty)
    }

    @Test(arguments: StateBackendKind.allCases)
    func mapState(_ kind: StateBackendKind) throws {
        let fixture = try BackendFixture(kind)
        let backend = try fixture.make()
        defer { backend.dispose() }
        let map = try backend.mapState(Descriptors.attributes, namespaceSerializer: VoidNamespaceSerializer())
        backend.setCurrentKey(5)
        #expect(try map.isEmpty())
        try map.put("a", 1)
        try map.putAll(["b": 2, "c": 3])
        try map.put("a", 10)
        #expect(try map.get("a") == 10)
        #expect(try map.contains("b"))
        try map.remove("b")
        #expect(try !map.contains("b"))
        #expect(try map.get("zz") == nil)
        let entries = try map.entries().sorted { $0.key < $1.key }
        #expect(entries.map(\.key) == ["a", "c"])
        #expect(entries.map(\.value) == [10, 3])
        backend.setCurrentKey(6)
        #expect(try map.isEmpty())
        backend.setCurrentKey(5)
        try map.clear()
        #expect(try map.isEmpty())
    }

    @Test(arguments: StateBackendKind.allCases)
    func reducingAndAggregatingState(_ kind: StateBackendKind) throws {
        let fixture = try BackendFixture(kind)
        let backend = try fixture.make()
        defer { backend.dispose() }
        let sum = try backend.reducingState(Descriptors.sum, namespaceSerializer: VoidNamespaceSerializer())
        let average = try backend.aggregatingState(Descriptors.average, namespaceSerializer: VoidNamespaceSerializer())
        backend.setCurrentKey(3)
        #expect(try sum.get() == nil)
        #expect(try average.get() == nil)
        for v in Int64(1)...4 {
            try sum.add(v)
            try average.add(v)
        }
        #expect(try sum.get() == 10)
        #expect(try average.get() == 2.5)
        backend.setCurrentKey(4)
        #expect(try sum.get() == nil)
        backend.setCurrentKey(3)
        try sum.clear()
        #expect(try sum.get() == nil)
        #expect(try average.get() == 2.5)
    }

    @Test(arguments: StateBackendKind.allCases)
    func keysByNamespaceAndByKeyGroup(_ kind: StateBackendKind) throws {
        let fixture = try BackendFixture(kind)
        let backend = try fixture.make()
        defer { backend.dispose() }
        let state = try backend.valueState(Descriptors.count, namespaceSerializer: IntegerSerializer<Int64>())
        for key in Int64(0)..<100 {
            backend.setCurrentKey(key)
            state.setCurrentNamespace(key % 2)
            try state.update(key)
        }
        let even = try backend.keys(stateName: "count", namespace: Int64(0)).sorted()
        #expect(even == stride(from: Int64(0), to: 100, by: 2).map { $0 })
        var seen: [Int64] = []
        for group in 0..<128 {
            for key in try backend.keys(inKeyGroup: group) {
                #expect(KeyGroupRangeAssignment.keyGroup(for: key, serializer: IntegerSerializer<Int64>(), maxParallelism: 128) == group)
                seen.append(key)
            }
        }
        #expect(Set(seen) == Set(0..<100))
        #expect(seen.count == 100)
    }
}
