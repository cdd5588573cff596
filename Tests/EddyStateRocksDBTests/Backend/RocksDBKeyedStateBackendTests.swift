import EddyCore
import EddyMemory
import EddyState
import Foundation
import Testing

@testable import EddyStateRocksDB

struct SumFunction: AggregateFunction {
    func createAccumulator() -> Int64 { 0 }
    func add(_ value: Int64, to accumulator: Int64) -> Int64 { accumulator + value }
    func result(of accumulator: Int64) -> String { "sum=\(accumulator)" }
    func merge(_ a: Int64, _ b: Int64) -> Int64 { a + b }
}

@Suite("RocksDB keyed state backend")
struct RocksDBKeyedStateBackendTests {
    @Test func valueStatePerKeyAndNamespace() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let backend = try fixture.backend()
        defer { backend.dispose() }
        let state = try backend.valueState(
            ValueStateDescriptor(name: "v", serializer: StringSerializer(), defaultValue: "none"),
            namespaceSerializer: StringSerializer())
        for key in Int64(0)..<10 {
            backend.setCurrentKey(key)
            state.setCurrentNamespace("a")
            try state.update("a\(key)")
            state.setCurrentNamespace("b")
            try state.update("b\(key)")
        }
        backend.setCurrentKey(3)
        state.setCurrentNamespace("a")
        #expect(try state.value() == "a3")
        state.setCurrentNamespace("ab")  // a longer namespace must not match a prefix
        #expect(try state.value() == "none")
        state.setCurrentNamespace("b")
        #expect(try state.value() == "b3")
        try state.clear()
        #expect(try state.value() == "none")
        try state.update(nil)
        #expect(try backend.keys(stateName: "v", namespace: "a").sorted() == Array(0..<10))
        #expect(try backend.keys(stateName: "v", namespace: "b").sorted() == [0, 1, 2, 4, 5, 6, 7, 8, 9])
    }

    @Test func listStateAppendsByMerge() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let backend = try fixture.backend()
        defer { backend.dispose() }
        let list = try backend.listState(ListStateDescriptor(name: "l", elementSerializer: StringSerializer()), namespaceSerializer: void)
        backend.setCurrentKey(1)
        #expect(try list.get().isEmpty)
        try list.add("x")
        try list.addAll(["y", "z"])
        try backend.db.flush()  // operands in SST files must merge too
        try list.add("w")
        #expect(try list.get() == ["x", "y", "z", "w"])
        try list.update(["only"])
        #expect(try list.get() == ["only"])
        try list.update([])
        #expect(try list.get().isEmpty)
        backend.setCurrentKey(2)
        try list.add("k2")
        try list.clear()
        #expect(try list.get().isEmpty)
    }

    @Test func mapStateEntriesByPrefix() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let backend = try fixture.backend()
        defer { backend.dispose() }
        let map = try backend.mapState(
            MapStateDescriptor(name: "m", keySerializer: StringSerializer(), valueSerializer: IntegerSerializer<Int64>()),
            namespaceSerializer: IntegerSerializer<Int32>())
        backend.setCurrentKey(7)
        map.setCurrentNamespace(1)
        #expect(try map.isEmpty())
        try map.put("b", 2)
        try map.putAll(["a": 1, "c": 3])
        map.setCurrentNamespace(2)
        try map.put("z", 26)
        backend.setCurrentKey(8)
        map.setCurrentNamespace(1)
        try map.put("other", 0)

        backend.setCurrentKey(7)
        map.setCurrentNamespace(1)
        #expect(try map.get("b") == 2)
        #expect(try map.contains("c"))
        #expect(try !map.contains("z"))
        #expect(try map.entries().map(\.key) == ["a", "b", "c"])
        try map.remove("b")
        #expect(try map.entries().map { "\($0.key)\($0.value)" } == ["a1", "c3"])
        try map.clear()
        #expect(try map.isEmpty())
        map.setCurrentNamespace(2)
        #expect(try map.entries().map(\.key) == ["z"])
        #expect(try backend.keys(stateName: "m", namespace: Int32(1)) == [8])
    }

    @Test func reducingAndAggregatingStates() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let backend = try fixture.backend()
        defer { backend.dispose() }
        let reducing = try backend.reducingState(
            ReducingStateDescriptor(name: "r", serializer: IntegerSerializer<Int64>()) { max($0, $1) }, namespaceSerializer: void)
        let aggregating = try backend.aggregatingState(
            AggregatingStateDescriptor(name: "a", function: SumFunction(), accumulatorSerializer: IntegerSerializer<Int64>()),
            namespaceSerializer: void)
        backend.setCurrentKey(1)
        #expect(try reducing.get() == nil)
        #expect(try aggregating.get() == nil)
        for value: Int64 in [3, 9, 4] {
            try reducing.add(value)
            try aggregating.add(value)
        }
        #expect(try reducing.get() == 9)
        #expect(try aggregating.get() == "sum=16")
        try aggregating.clear()
        #expect(try aggregating.get() == nil)
    }

    @Test func registrationReturnsSameStateAndChecksKind() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let backend = try fixture.backend()
        defer { backend.dispose() }
        let first = try backend.valueState(valueDescriptor, namespaceSerializer: void)
        let second = try backend.valueState(valueDescriptor, namespaceSerializer: void)
        #expect(first === second)
        let error = #expect(throws: StateError.self) {
            try backend.listState(ListStateDescriptor(name: "value", elementSerializer: IntegerSerializer<Int64>()), namespaceSerializer: void)
        }
        #expect(error?.code == .incompatible)
        #expect(error?.message.contains("'value'") == true)
    }

    @Test func keysInKeyGroupSpanAllStates() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let backend = try fixture.backend()
        defer { backend.dispose() }
        let value = try backend.valueState(valueDescriptor, namespaceSerializer: void)
        let list = try backend.listState(ListStateDescriptor(name: "l", elementSerializer: IntegerSerializer<Int64>()), namespaceSerializer: void)
        var expected: [Int: Set<Int64>] = [:]
        for key in Int64(0)..<200 {
            backend.setCurrentKey(key)
            expected[backend.currentKeyGroup, default: []].insert(key)
            if key % 2 == 0 { try value.update(key) } else { try list.add(key) }
        }
        for (group, keys) in expected {
            #expect(Set(try backend.keys(inKeyGroup: group)) == keys)
        }
    }

    @Test func memoryBudgetIsReservedAndReleased() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let manager = MemoryManager(budgetBytes: 16 << 20, segmentSize: 1 << 20)
        let owner = manager.register(owner: "rocks")
        let backend = try fixture.backend(memory: owner)
        #expect(owner.heldSegments == 8)
        #expect(backend.reservedMemoryBytes == 8 << 20)
        var big = BackendFixture.smallOptions
        big.managedMemoryBytes = 32 << 20
        #expect(throws: MemoryError.self) { _ = try fixture.backend(options: big, memory: owner) }
        backend.dispose()
        #expect(owner.heldSegments == 0)
        #expect(!FileManager.default.fileExists(atPath: backend.parameters.workingDirectory))
    }
}
