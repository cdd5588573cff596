import EddyCore
import EddyState
import EddyStateHeap

/// Writes a known state of every kind, some under two namespaces, and checks a backend holds it.
enum StatePopulation {
    static let keys = 0..<300
    static let namespaces: [Int64] = [1, 2]

    static func write(_ backend: HeapBackendFixture.Backend, keys: Range<Int> = Self.keys) throws {
        let value = try backend.valueState(TestStates.value(), namespaceSerializer: IntegerSerializer<Int64>())
        let list = try backend.listState(TestStates.list(), namespaceSerializer: VoidNamespaceSerializer())
        let map = try backend.mapState(TestStates.map(), namespaceSerializer: VoidNamespaceSerializer())
        let sum = try backend.reducingState(TestStates.reducing(), namespaceSerializer: VoidNamespaceSerializer())
        let average = try backend.aggregatingState(TestStates.aggregating(), namespaceSerializer: VoidNamespaceSerializer())
        for key in keys where backend.keyGroupRange.contains(HeapBackendFixture.keyGroup(of: key)) {
            backend.setCurrentKey(key)
            for namespace in namespaces {
                value.setCurrentNamespace(namespace)
                try value.update(key * 10 + Int(namespace))
            }
            try list.update(["\(key)", "x"])
            try map.putAll(["k": key, "j": -key])
            try sum.add(key)
            try sum.add(1)
            try average.add(key)
        }
    }

    /// Checks every key of `keys` owned by `backend` has the state `write` gave it.
    /// - Returns: how many keys were checked.
    @discardableResult
    static func verify(_ backend: HeapBackendFixture.Backend, keys: Range<Int> = Self.keys) throws -> Int {
        let value = try backend.valueState(TestStates.value(), namespaceSerializer: IntegerSerializer<Int64>())
        let list = try backend.listState(TestStates.list(), namespaceSerializer: VoidNamespaceSerializer())
        let map = try backend.mapState(TestStates.map(), namespaceSerializer: VoidNamespaceSerializer())
        let sum = try backend.reducingState(TestStates.reducing(), namespaceSerializer: VoidNamespaceSerializer())
        let average = try backend.aggregatingState(TestStates.aggregating(), namespaceSerializer: VoidNamespaceSerializer())
        var checked = 0
        for key in keys where backend.keyGroupRange.contains(HeapBackendFixture.keyGroup(of: key)) {
            backend.setCurrentKey(key)
            for namespace in namespaces {
                value.setCurrentNamespace(namespace)
                guard try value.value() == key * 10 + Int(namespace) else { throw Mismatch(key: key, state: "value") }
            }
            guard try list.get() == ["\(key)", "x"] else { throw Mismatch(key: key, state: "list") }
            guard try map.get("k") == key, try map.get("j") == -key else { throw Mismatch(key: key, state: "map") }
            guard try sum.get() == key + 1 else { throw Mismatch(key: key, state: "sum") }
            guard try average.get() == Double(key) else { throw Mismatch(key: key, state: "avg") }
            checked += 1
        }
        return checked
    }

    struct Mismatch: Error { let key: Int; let state: String }
}
