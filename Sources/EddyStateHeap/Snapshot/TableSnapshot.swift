import EddyMemory
import EddyCore
import EddyState

/// One registered state's frozen key groups, written out by a snapshot's asynchronous part.
///
/// `@unchecked Sendable`: it holds copies of the task thread's tables, which share storage
/// with the live tables until the task thread's next write, and that write copies the storage
/// (copy-on-write; the reference count is atomic), so the snapshot thread reads storage nobody
/// mutates. Serializers are `Sendable`. Stored values must be value types (or immutable objects):
/// a mutable class instance would be shared with the task thread, as in Flink's heap backend
/// without a copying serializer.
final class TableSnapshot<KS: Serializer, NS: Serializer, C: HeapEntryCodec>: KeyGroupSnapshotSource, @unchecked Sendable
where KS.Value: Hashable, NS.Value: Hashable {
    let metaInfo: StateMetaInfo
    let copies: [Int: StateEntries<KS.Value, NS.Value, C.Entry>]
    /// Key groups written as deltas: the change segments since the last completed checkpoint.
    let changes: [Int: [Set<StateKey<KS.Value, NS.Value>>]]
    let codec: C
    let keySerializer: KS
    let namespaceSerializer: NS
    let ttl: StateTTLConfig?

    init(
        metaInfo: StateMetaInfo, copies: [Int: StateEntries<KS.Value, NS.Value, C.Entry>],
        changes: [Int: [Set<StateKey<KS.Value, NS.Value>>]] = [:], codec: C,
        keySerializer: KS, namespaceSerializer: NS, ttl: StateTTLConfig?
    ) {
        self.metaInfo = metaInfo
        self.copies = copies
        self.changes = changes
        self.codec = codec
        self.keySerializer = keySerializer
        self.namespaceSerializer = namespaceSerializer
        self.ttl = ttl
    }

    func write(
        keyGroupIndex: Int, stateIndex: Int, cleanupAt now: Int64?, into file: inout KeyGroupStateFileWriter,
        scratch: inout EntryScratch
    ) {
        guard let entries = copies[keyGroupIndex] else { return }
        let cleanup: (ttl: StateTTLConfig, now: Int64)? =
            if let ttl, ttl.cleanupInFullSnapshot, let now { (ttl, now) } else { nil }
        for (address, stored) in entries.entries() {
            var entry = stored
            if let cleanup {
                switch codec.expiry(of: stored, ttl: cleanup.ttl, now: cleanup.now) {
                case .live: break
                case .expired: continue
                case .partly(let live): entry = live
                }
            }
            let keyEnd = serialize(address, into: &scratch)
            let bytes = scratch.keyAndNamespace.bytes
            codec.write(
                entry, stateIndex: stateIndex, key: bytes[..<keyEnd], namespace: bytes[keyEnd...],
                hasTTL: ttl != nil, into: &file, scratch: &scratch)
        }
    }

    func writeChanges(
        keyGroupIndex: Int, stateIndex: Int, into file: inout KeyGroupStateFileWriter, scratch: inout EntryScratch
    ) {
        guard let segments = changes[keyGroupIndex] else { return }
        // An address changed in several segments is written once, with its value at this snapshot.
        let changed = segments.count == 1 ? segments[0] : segments.dropFirst().reduce(into: segments[0]) { $0.formUnion($1) }
        let entries = copies[keyGroupIndex] ?? StateEntries()
        for address in changed {
            let keyEnd = serialize(address, into: &scratch)
            let bytes = scratch.keyAndNamespace.bytes
            if let entry = entries[address] {
                // No TTL cleanup, as in every incremental checkpoint: the entry is written as it is.
                codec.write(
                    entry, stateIndex: stateIndex, key: bytes[..<keyEnd], namespace: bytes[keyEnd...],
                    hasTTL: ttl != nil, into: &file, scratch: &scratch)
            } else {
                file.addTombstone(stateIndex: stateIndex, key: bytes[..<keyEnd], namespace: bytes[keyEnd...])
            }
        }
    }

    /// Serializes key then namespace into `scratch.keyAndNamespace`.
    /// - Returns: where the key's bytes end.
    private func serialize(_ address: StateKey<KS.Value, NS.Value>, into scratch: inout EntryScratch) -> Int {
        scratch.keyAndNamespace.reset()
        keySerializer.serialize(address.key, to: &scratch.keyAndNamespace)
        let keyEnd = scratch.keyAndNamespace.count
        namespaceSerializer.serialize(address.namespace, to: &scratch.keyAndNamespace)
        return keyEnd
    }
}
