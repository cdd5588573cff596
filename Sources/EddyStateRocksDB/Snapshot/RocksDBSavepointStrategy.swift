import EddyCore
import EddyState
import Foundation

/// The `.canonicalSavepoint` snapshot: every state's entries, in key-group order, into one
/// key-group state file `chk-<id>/<filePrefix>.savepoint.kg` that any backend restores.
///
/// Synchronous part: one iterator per state column family, created together (each pins a
/// consistent view at creation, and nothing writes in between on the task thread). Asynchronous
/// part: walks the key groups of the range; since keys start with the key group, each iterator
/// moves forward only. Keys are split with the stored layout (``RocksDBStateMeta`` keeps each
/// state's namespace encoding), so states restored but not registered yet are written too.
/// Values are copied as stored: RocksDB's value layout is the canonical one. Expired TTL entries are
/// dropped when the TTL's `cleanupInFullSnapshot` is set and the state is registered.
///
/// Thread-safety: iterators are handed to the asynchronous part and used by it alone.
struct RocksDBSavepointStrategy {
    struct StateCursor: Sendable {
        var meta: RocksDBStateMeta
        var iterator: RocksDBIterator
        var ttl: StateTTLConfig?
    }

    let db: RocksDB
    let layout: RocksDBKeyLayout
    let filePrefix: String
    let handleTemplate: KeyedStateHandle
    let clock: any StateClock

    func snapshot(
        checkpointID: Int64, location: CheckpointStorageLocation, states: [(RocksDBStateMeta, RocksDBColumnFamily, StateTTLConfig?)]
    ) -> SnapshotInProgress {
        let started = DispatchTime.now().uptimeNanoseconds
        let cursors = states.map { meta, family, ttl in
            StateCursor(meta: meta, iterator: db.makeIterator(in: family), ttl: ttl)
        }
        for cursor in cursors { cursor.iterator.seekToFirst() }
        let synchronous = DispatchTime.now().uptimeNanoseconds - started
        let (layout, prefix, template, clock) = (self.layout, filePrefix, handleTemplate, self.clock)
        return SnapshotInProgress(checkpointID: checkpointID, synchronousNanoseconds: synchronous) {
            defer { for cursor in cursors { cursor.iterator.close() } }
            var writer = KeyGroupStateFileWriter(states: cursors.map(\.meta.info), maxParallelism: template.maxParallelism)
            let now = clock.currentTimeMillis()
            for keyGroup in template.keyGroupRange {
                writer.beginKeyGroup(keyGroup)
                for (index, cursor) in cursors.enumerated() {
                    let iterator = cursor.iterator
                    while iterator.isValid {
                        let key = iterator.key
                        guard let parts = layout.split(key, namespace: cursor.meta.namespaceEncoding) else {
                            throw StateError(.backend, "state '\(cursor.meta.name)': a stored key does not follow the key layout")
                        }
                        if parts.keyGroup > keyGroup { break }
                        let value = iterator.value
                        iterator.next()
                        if parts.keyGroup < keyGroup { continue }  // outside the range (not yet compacted away)
                        if let ttl = cursor.ttl, ttl.cleanupInFullSnapshot, cursor.meta.info.kind != .list,
                            value.count >= 8, ttl.isExpired(timestamp: Self.timestamp(value), now: now)
                        {
                            continue
                        }
                        writer.addEntry(
                            stateIndex: index, key: key[parts.key], namespace: key[parts.namespace],
                            mapKey: cursor.meta.info.kind == .map ? key[parts.rest] : nil, value: value)
                    }
                    do { try iterator.checkError() } catch {
                        throw StateError(.backend, "state '\(cursor.meta.name)': savepoint iteration failed", underlying: error)
                    }
                }
            }
            let keyGroups = writer.keyGroups
            let bytes = writer.finish()
            var handle = try location.storage.write(bytes, to: location.exclusiveDirectory + "/\(prefix).savepoint.kg")
            handle.keyGroups = keyGroups
            var result = template
            result.files = [handle]
            result.newBytes = handle.size
            return result
        }
    }

    private static func timestamp(_ value: [UInt8]) -> Int64 {
        Int64(bitPattern: value.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }
}
