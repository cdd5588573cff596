import EddyCore
@testable import EddyState
import Testing

@Suite("Operator state backend")
struct OperatorStateBackendTests {
    typealias Fixture = OperatorStateFixture

    @Test("a list state supports get, add, addAll, update and clear")
    func listOperations() throws {
        let backend = OperatorStateBackend()
        let state = try backend.listState(Fixture.offsets)
        #expect(state.get().isEmpty)
        state.add(3)
        state.addAll([4, 5])
        #expect(state.get() == [3, 4, 5])
        state.update([9])
        #expect(state.get() == [9])
        state.clear()
        #expect(state.get().isEmpty)
        #expect(state.mode == .split && state.name == "offsets")
        #expect(try backend.unionListState(Fixture.watermarks).mode == .union)
    }

    @Test("a broadcast state supports get, put, remove, contains, entries and clear")
    func broadcastOperations() throws {
        let state = try OperatorStateBackend().broadcastState(Fixture.rules)
        #expect(state.isEmpty() && state.get("a") == nil)
        state.put("a", 1)
        state.putAll(["b": 2, "a": 3])
        #expect(state.get("a") == 3 && state.contains("b") && !state.contains("c"))
        #expect(Fixture.map(state) == ["a": 3, "b": 2])
        state.remove("a")
        state.remove("zzz")
        #expect(Fixture.map(state) == ["b": 2])
        state.clear()
        #expect(state.isEmpty() && state.entries().isEmpty)
    }

    @Test("registering a name again returns the same handle")
    func sameHandle() throws {
        let backend = OperatorStateBackend()
        #expect(try backend.listState(Fixture.offsets) === backend.listState(Fixture.offsets))
        #expect(try backend.broadcastState(Fixture.rules) === backend.broadcastState(Fixture.rules))
        #expect(backend.registeredStateNames == ["offsets", "rules"])
    }

    @Test("a name registered in another mode or with another type is incompatible")
    func incompatible() throws {
        let backend = OperatorStateBackend()
        _ = try backend.listState(Fixture.offsets)
        expectStateError(.incompatible) { _ = try backend.unionListState(Fixture.offsets) }
        let strings = ListStateDescriptor(name: "offsets", elementSerializer: StringSerializer())
        expectStateError(.incompatible) { _ = try backend.listState(strings) }
        let asMap = MapStateDescriptor(name: "offsets", keySerializer: StringSerializer(), valueSerializer: StringSerializer())
        expectStateError(.incompatible) { _ = try backend.broadcastState(asMap) }
    }
}
