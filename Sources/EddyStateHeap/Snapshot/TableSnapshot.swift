import EddyCore
import EddyState

/// One registered state's frozen key groups, written out by a snapshot's asynchronous part.
///
/// `@unchecked Sendable`: it holds copies of the task thread's dictionaries, which share storage
/// with the live tables until the task thread's next write, and that write copies the storage
/// (copy-on-write; the reference count is atomic), so the snapshot thread reads storage nobody
/// mutates. Serializers are `Sendable`. Stored values must be value types (or immutable objects):
/// a mutable class instance would be shared with the task thread, as in Flink's heap backend
/// without a copying serializer.
final class TableSnapshot<KS: Serializer, NS: Serializer, C: HeapEntryCodec>: KeyGroupSnapshotSource, @unchecked Sendable
where KS.Value: Hashable, NS.Value: Hashable {
    let metaInfo: StateMetaInfo
    let copies: [Int: [StateKey<KS.Value, NS.Value>: C.Entry]]
    let codec: C
    let keySerializer: KS
    let namespaceSerializer: NS
    let ttl: StateTTLConfig?

    init(
        metaInfo: StateMetaInfo, copies: [Int: [StateKey<KS.Value, NS.Value>: C.Entry]], codec: C,
        keySerializer: KS, namespaceSerializer: NS, ttl: StateTTLConfig?
    ) {
        self.metaInfo = metaInfo
        self.copies = copies
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
        for (address, stored) in entries {
            var entry = stored
            if let cleanup {
                switch codec.expiry(of: stored, ttl: cleanup.ttl, now: cleanup.now) {
                case .live: break
                case .expired: continue
                case .partly(let live): entry = live
                }
            }
            scratch.keyAndNamespace.reset()
            keySerializer.serialize(address.key, to: &scratch.keyAndNamespace)
            let keyEnd = scratch.keyAndNamespace.count
            namespaceSerializer.serialize(address.namespace, to: &scratch.keyAndNamespace)
            let bytes = scratch.keyAndNamespace.bytes
            codec.write(
                entry, stateIndex: stateIndex, key: bytes[..<keyEnd], namespace: bytes[keyEnd...],
                hasTTL: ttl != nil, into: &file, scratch: &scratch)
        }
    }
}
