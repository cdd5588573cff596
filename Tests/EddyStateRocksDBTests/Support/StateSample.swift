import EddyCore
import EddyState
import Testing

@testable import EddyStateRocksDB

/// One state of each kind filled from the key, and the check that a backend holds exactly that.
enum StateSample {
    static let list = ListStateDescriptor(name: "l", elementSerializer: StringSerializer())
    static let map = MapStateDescriptor(name: "m", keySerializer: StringSerializer(), valueSerializer: IntegerSerializer<Int64>())
    static let reducing = ReducingStateDescriptor(name: "r", serializer: IntegerSerializer<Int64>()) { $0 + $1 }
    static let aggregating = AggregatingStateDescriptor(name: "a", function: SumFunction(), accumulatorSerializer: IntegerSerializer<Int64>())
    static let namespaces = StringSerializer()

    static func write(to backend: IntBackend, keys: Range<Int64>) throws {
        let value = try backend.valueState(valueDescriptor, namespaceSerializer: namespaces)
        let list = try backend.listState(Self.list, namespaceSerializer: void)
        let map = try backend.mapState(Self.map, namespaceSerializer: void)
        let reducing = try backend.reducingState(Self.reducing, namespaceSerializer: void)
        let aggregating = try backend.aggregatingState(Self.aggregating, namespaceSerializer: void)
        for key in keys where backendOwns(backend, key) {
            backend.setCurrentKey(key)
            value.setCurrentNamespace("w\(key % 3)")
            try value.update(key * 10)
            try list.add("e\(key)")
            try list.add("f\(key)")
            try map.put("k\(key)", key)
            try map.put("z", 1)
            try reducing.add(key)
            try reducing.add(1)
            try aggregating.add(key)
        }
    }

    static func verify(_ backend: IntBackend, keys: Range<Int64>) throws {
        let value = try backend.valueState(valueDescriptor, namespaceSerializer: namespaces)
        let list = try backend.listState(Self.list, namespaceSerializer: void)
        let map = try backend.mapState(Self.map, namespaceSerializer: void)
        let reducing = try backend.reducingState(Self.reducing, namespaceSerializer: void)
        let aggregating = try backend.aggregatingState(Self.aggregating, namespaceSerializer: void)
        var wrong: [Int64] = []
        for key in keys where backendOwns(backend, key) {
            backend.setCurrentKey(key)
            value.setCurrentNamespace("w\(key % 3)")
            var ok = try value.value() == key * 10
            value.setCurrentNamespace("w\((key + 1) % 3)")
            ok = try ok && value.value() == nil
            ok = try ok && list.get() == ["e\(key)", "f\(key)"]
            ok = try ok && map.entries().map { "\($0.key)=\($0.value)" }.sorted() == ["k\(key)=\(key)", "z=1"]
            ok = try ok && reducing.get() == key + 1
            ok = try ok && aggregating.get() == "sum=\(key)"
            if !ok { wrong.append(key) }
        }
        #expect(wrong.isEmpty, "\(wrong.count) keys wrong, first \(wrong.prefix(5))")
    }

    static func backendOwns(_ backend: IntBackend, _ key: Int64) -> Bool {
        backend.keyGroupRange.contains(
            KeyGroupRangeAssignment.keyGroup(for: key, serializer: IntegerSerializer<Int64>(), maxParallelism: backend.maxParallelism))
    }
}
