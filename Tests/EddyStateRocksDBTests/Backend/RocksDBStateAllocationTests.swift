import CEddyAllocationCounter
import EddyCore
import EddyState
import Testing

@testable import EddyStateRocksDB

/// Allocations per write of every RocksDB state kind, bounded by the value state's figure measured in
/// the same run: a state that copies its encoded value or its key buffer once more per write costs
/// one allocation more (docs/decisions.md, "RocksDB states: no copy of the value or key per write").
@Suite("RocksDB state allocations per write")
struct RocksDBStateAllocationTests {
    static let operations = 2_000
    // 8-byte integers throughout, so the serializers allocate nothing.
    static let list = ListStateDescriptor(name: "l", elementSerializer: IntegerSerializer<Int64>())
    static let map = MapStateDescriptor(name: "m", keySerializer: IntegerSerializer<Int64>(), valueSerializer: IntegerSerializer<Int64>())
    static let reducing = ReducingStateDescriptor(name: "r", serializer: IntegerSerializer<Int64>()) { $0 + $1 }
    static let aggregating = AggregatingStateDescriptor(name: "a", function: SumFunction(), accumulatorSerializer: IntegerSerializer<Int64>())
    /// Counter noise (RocksDB's own occasional arena or memtable allocations on the writing thread).
    static let tolerance = 0.1

    /// The fewest allocations per operation over a few runs of `operations` calls of `body` (after a
    /// warm-up run) on one key; `body` gets the call's index.
    static func allocationsPerOperation(_ backend: IntBackend, _ body: (Int64) throws -> Void) throws -> Double {
        backend.setCurrentKey(1)
        func run() throws -> UInt64 {
            let before = eddy_thread_allocation_count()
            for index in 0..<operations { try body(Int64(index)) }
            return eddy_thread_allocation_count() - before
        }
        _ = try run()
        var fewest = UInt64.max
        for _ in 0..<5 { fewest = min(fewest, try run()) }
        return Double(fewest) / Double(operations)
    }

    @Test(.enabled(if: eddy_allocation_counter_active() != 0, "allocations are counted on glibc only"))
    func everyStateKindWritesWithTheValueStatesAllocations() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let backend = try fixture.backend()
        defer { backend.dispose() }
        let value = try backend.valueState(valueDescriptor, namespaceSerializer: void)
        let list = try backend.listState(Self.list, namespaceSerializer: void)
        let map = try backend.mapState(Self.map, namespaceSerializer: void)
        let reducing = try backend.reducingState(Self.reducing, namespaceSerializer: void)
        let aggregating = try backend.aggregatingState(Self.aggregating, namespaceSerializer: void)

        // Bounds: a blind write, and a read-modify-write (reducing and aggregating read first). A
        // list adds by merge, which costs RocksDB itself more than a put: that difference is allowed.
        let update = try Self.allocationsPerOperation(backend) { try value.update($0) }
        let readModifyWrite = try Self.allocationsPerOperation(backend) { try value.update((try value.value() ?? 0) + $0) }
        let rawKey: [UInt8] = Array(repeating: 1, count: 10), rawValue: [UInt8] = Array(repeating: 2, count: 8)
        let valueFamily = backend.states["value"]!.family, listFamily = backend.states["l"]!.family
        let rawPut = try Self.allocationsPerOperation(backend) { _ in try backend.db.put(rawKey, rawValue, in: valueFamily) }
        let rawMerge = try Self.allocationsPerOperation(backend) { _ in try backend.db.merge(rawKey, rawValue, in: listFamily) }

        let measured = [
            ("list add", try Self.allocationsPerOperation(backend) { try list.add($0) }, update + rawMerge - rawPut),
            ("map put", try Self.allocationsPerOperation(backend) { try map.put($0 & 7, $0) }, update),
            ("reducing add", try Self.allocationsPerOperation(backend) { try reducing.add($0) }, readModifyWrite),
            ("aggregating add", try Self.allocationsPerOperation(backend) { try aggregating.add($0) }, readModifyWrite),
        ]
        print("RocksDB allocations per op: value update \(update), value read-modify-write \(readModifyWrite), "
            + "raw put \(rawPut), raw merge \(rawMerge), "
            + measured.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
        // The value state itself writes through the shared codec: bounded by the raw API's put.
        #expect(update <= rawPut + Self.tolerance, "value update: \(update) allocations per op, raw put \(rawPut)")
        for (kind, perOperation, bound) in measured {
            #expect(perOperation <= bound + Self.tolerance, "\(kind): \(perOperation) allocations per op, value state \(bound)")
        }
    }
}
