import EddyCore
import EddyState

/// Restores `.keyGroupFiles` handles (canonical savepoints of any backend, heap checkpoints): the
/// entries of key groups in range are written as RocksDB keys. The files do not say whether a
/// namespace serializer has a fixed size, so namespaces are written length-prefixed and the state's
/// metadata records it; registration then adopts that encoding.
enum RocksDBKeyGroupFileRestore {
    static func restore(
        _ handle: KeyedStateHandle, storage: any CheckpointStorage, range: KeyGroupRange, maxParallelism: Int,
        layout: RocksDBKeyLayout, into db: RocksDB, catalog: RocksDBStateCatalog,
        states: inout [String: RocksDBRegisteredState]
    ) throws {
        for file in handle.files {
            if let groups = file.keyGroups, !groups.contains(where: range.contains) { continue }
            let reader = try KeyGroupStateFileReader(bytes: try storage.read(file), path: file.path)
            guard reader.maxParallelism == maxParallelism else {
                throw StateError(
                    .incompatible, "snapshot has max parallelism \(reader.maxParallelism), the job \(maxParallelism)",
                    path: file.path)
            }
            let targets = try reader.states.map { info in
                try catalog.ensure(RocksDBStateMeta(info: info, namespaceEncoding: .lengthPrefixed), in: db, states: &states)
            }
            let batch = RocksDBWriteBatch()
            var key = ByteArrayWriter(reservingCapacity: 64)
            for keyGroup in reader.keyGroups where range.contains(keyGroup) {
                try reader.forEachEntry(inKeyGroup: keyGroup) { entry in
                    key.reset()
                    key.writeInteger(UInt16(keyGroup))
                    layout.keyEncoding.append(entry.key, to: &key)
                    RocksDBPartEncoding.lengthPrefixed.append(entry.namespace, to: &key)
                    if let mapKey = entry.mapKey { key.writeBytes(mapKey) }
                    batch.put(key.bytes, entry.value, in: targets[entry.stateIndex].family)
                    if batch.count >= RocksDBRangeCopy.batchSize {
                        try db.write(batch)
                        batch.clear()
                    }
                }
            }
            if batch.count > 0 { try db.write(batch) }
        }
    }
}
