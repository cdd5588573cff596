import EddyCore
import EddyState
import Testing

@testable import EddyStateRocksDB

@Suite("RocksDB restore from key-group files")
struct RocksDBKeyGroupFileRestoreTests {
    /// A file written the way the heap backend writes canonical savepoints (raw serializer bytes,
    /// no length prefixes of RocksDB's key layout; list values are concatenated records) restores
    /// into RocksDB, with namespaces of fixed and variable size, and TTL timestamps kept.
    @Test func heapStyleFileRestores() throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        let ttl = StateTTLConfig(timeToLiveMillis: 10_000)
        let states = [
            StateMetaInfo(name: "v", kind: .value, hasTTL: false),
            StateMetaInfo(name: "l", kind: .list, hasTTL: true),
            StateMetaInfo(name: "m", kind: .map, hasTTL: false),
        ]
        var writer = KeyGroupStateFileWriter(states: states, maxParallelism: fixture.maxParallelism)
        let keySerializer = IntegerSerializer<Int64>()
        var byGroup: [Int: [Int64]] = [:]
        for key in Int64(0)..<50 {
            byGroup[KeyGroupRangeAssignment.keyGroup(for: key, serializer: keySerializer, maxParallelism: fixture.maxParallelism), default: []].append(key)
        }
        let now = fixture.clock.currentTimeMillis()
        for group in byGroup.keys.sorted() {
            writer.beginKeyGroup(group)
            for key in byGroup[group]! {
                let keyBytes = keySerializer.serialize(key)
                writer.addEntry(stateIndex: 0, key: keyBytes, namespace: StringSerializer().serialize("ns\(key)"), value: keySerializer.serialize(key * 2))
                var list = ByteArrayWriter()
                for element in ["a\(key)", "b\(key)"] {
                    list.writeInteger(now)
                    StringSerializer().serialize(element, to: &list)
                }
                writer.addEntry(stateIndex: 1, key: keyBytes, namespace: [UInt8](), value: list.bytes)
                writer.addEntry(
                    stateIndex: 2, key: keyBytes, namespace: IntegerSerializer<Int32>().serialize(7),
                    mapKey: StringSerializer().serialize("x"), value: keySerializer.serialize(key))
            }
        }
        var file = try fixture.storage.write(writer.finish(), to: "chk-9/heap-0.kg")
        file.keyGroups = byGroup.keys.sorted()
        let handle = KeyedStateHandle(
            format: .keyGroupFiles, backend: "heap", keyGroupRange: KeyGroupRange(start: 0, end: fixture.maxParallelism - 1),
            maxParallelism: fixture.maxParallelism, states: states, files: [file], newBytes: file.size)

        let backend = try fixture.backend(restoring: [handle])
        defer { backend.dispose() }
        let value = try backend.valueState(ValueStateDescriptor(name: "v", serializer: keySerializer), namespaceSerializer: StringSerializer())
        let list = try backend.listState(ListStateDescriptor(name: "l", elementSerializer: StringSerializer(), ttl: ttl), namespaceSerializer: void)
        let map = try backend.mapState(
            MapStateDescriptor(name: "m", keySerializer: StringSerializer(), valueSerializer: keySerializer),
            namespaceSerializer: IntegerSerializer<Int32>())
        map.setCurrentNamespace(7)
        for key in Int64(0)..<50 {
            backend.setCurrentKey(key)
            value.setCurrentNamespace("ns\(key)")
            #expect(try value.value() == key * 2)
            #expect(try list.get() == ["a\(key)", "b\(key)"])
            #expect(try map.get("x") == key)
        }
        #expect(try backend.keys(stateName: "m", namespace: Int32(7)).count == 50)
        fixture.clock.advance(by: 10_000)
        backend.setCurrentKey(3)
        #expect(try list.get().isEmpty)  // the restored timestamps are live ones
    }
}
