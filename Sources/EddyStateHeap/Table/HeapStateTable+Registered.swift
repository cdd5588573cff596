import EddyMemory
import EddyCore
import EddyState

extension HeapStateTable: HeapRegisteredTable {
    typealias Key = KS.Value

    var metaInfo: StateMetaInfo { StateMetaInfo(name: name, kind: codec.kind, hasTTL: ttl != nil) }

    func keys<N: Hashable>(namespace: N) throws -> [KS.Value] {
        guard let namespace = namespace as? NS.Value else {
            throw StateError(.incompatible, "state '\(name)' has namespaces of type \(NS.Value.self), not \(N.self)")
        }
        var keys: [KS.Value] = []
        for map in maps {
            for address in map.entries.addresses() where address.namespace == namespace { keys.append(address.key) }
        }
        return keys
    }

    func collectKeys(inKeyGroupIndex keyGroupIndex: Int, into keys: inout Set<KS.Value>) {
        for address in maps[keyGroupIndex].entries.addresses() { keys.insert(address.key) }
    }

    func isEmpty(keyGroupIndex: Int) -> Bool { maps[keyGroupIndex].entries.isEmpty }

    func entryCount(keyGroupIndex: Int) -> Int { maps[keyGroupIndex].entries.count }

    func snapshot(keyGroupIndices: [Int], deltas: Set<Int>, changesAfter: Int64) -> any KeyGroupSnapshotSource {
        var copies: [Int: StateEntries<KS.Value, NS.Value, C.Entry>] = [:]
        copies.reserveCapacity(keyGroupIndices.count)
        var changes: [Int: [Set<Address>]] = [:]
        for index in keyGroupIndices {
            if !maps[index].entries.isEmpty { copies[index] = maps[index].entries }
            if deltas.contains(index) {
                let sets = dirtySegments.sets(keyGroupIndex: index, after: changesAfter)
                if !sets.isEmpty { changes[index] = sets }
            }
        }
        return TableSnapshot(
            metaInfo: metaInfo, copies: copies, changes: changes, codec: codec, keySerializer: keySerializer,
            namespaceSerializer: namespaceSerializer, ttl: ttl)
    }

    func closeChangeSegment(checkpointID: Int64) { dirtySegments.close(checkpointID: checkpointID, maps: maps) }

    func changedCount(keyGroupIndex: Int, after checkpointID: Int64) -> Int {
        dirtySegments.changedCount(keyGroupIndex: keyGroupIndex, after: checkpointID)
    }

    func forgetChanges(upTo checkpointID: Int64) { dirtySegments.forget(upTo: checkpointID) }

    func restore(_ restored: RestoredState) throws {
        lastFound = nil
        let hasTTL = ttl != nil
        for (index, entries) in restored.entries.enumerated() {
            let map = maps[index]
            for raw in entries {
                do throws(SerializationError) {
                    var keyReader = ByteArrayReader(raw.key)
                    let key = try keySerializer.deserialize(from: &keyReader)
                    try keyReader.expectEnd("key")
                    var namespaceReader = ByteArrayReader(raw.namespace)
                    let namespace = try namespaceSerializer.deserialize(from: &namespaceReader)
                    try namespaceReader.expectEnd("namespace")
                    try codec.restore(
                        value: raw.value, mapKey: raw.mapKey, hasTTL: hasTTL,
                        into: &map.entries[address(key: key, namespace: namespace)])
                } catch {
                    // The files passed their checksums, so bytes that do not decode were written
                    // with other serializers than the descriptor's.
                    throw StateError(
                        .incompatible,
                        "restored state '\(name)' (key group \(context.keyGroupRange.start + index)) does not decode "
                            + "with the registered serializers: \(error.message)",
                        path: restored.files.sorted().joined(separator: ", "), underlying: error)
                }
            }
        }
    }

    func removeAll() {
        lastFound = nil
        for map in maps {
            map.entries.removeAll()
            map.dirty = []
        }
        dirtySegments.removeAll()
        cleanupKeys = []
        cleanupPosition = 0
    }
}
