import EddyCore
import EddyState

/// Registering states: a column family per state, created on first registration; a restored state
/// is checked against the descriptor (kind, TTL presence) and adopts the stored namespace encoding.
extension RocksDBKeyedStateBackend {
    // Pre-specialized for the commonest shape (as the heap backend's): the generic entry
    // dispatches to it, so the handle's closures, the state and the key building below are
    // compiled for these types instead of running through witness tables and metadata lookups.
    @_specialize(where KS == IntegerSerializer<Int64>, NS == VoidNamespaceSerializer, S == IntegerSerializer<Int64>)
    public func valueState<NS: Serializer, S: Serializer>(
        _ descriptor: ValueStateDescriptor<S>, namespaceSerializer: NS
    ) throws -> ValueStateHandle<NS.Value, S.Value> where NS.Value: Hashable {
        try register(descriptor.name, .value, descriptor.ttl, namespaceSerializer, skipElement: nil) { access in
            ValueStateHandle(RocksDBValueState(access: access, descriptor: descriptor, clock: parameters.clock))
        }
    }

    public func listState<NS: Serializer, S: Serializer>(
        _ descriptor: ListStateDescriptor<S>, namespaceSerializer: NS
    ) throws -> ListStateHandle<NS.Value, S.Value> where NS.Value: Hashable {
        let serializer = descriptor.elementSerializer
        let skip: @Sendable (inout RocksDBSliceReader) throws -> Void =
            if let size = serializer.fixedSize {
                { reader in try reader.skip(size) }
            } else {
                { reader in _ = try serializer.deserialize(from: &reader) }
            }
        return try register(descriptor.name, .list, descriptor.ttl, namespaceSerializer, skipElement: skip) { access in
            ListStateHandle(RocksDBListState(access: access, descriptor: descriptor, clock: parameters.clock))
        }
    }

    public func mapState<NS: Serializer, MKS: Serializer, VS: Serializer>(
        _ descriptor: MapStateDescriptor<MKS, VS>, namespaceSerializer: NS
    ) throws -> MapStateHandle<NS.Value, MKS.Value, VS.Value> where NS.Value: Hashable {
        try register(descriptor.name, .map, descriptor.ttl, namespaceSerializer, skipElement: nil) { access in
            MapStateHandle(RocksDBMapState(access: access, descriptor: descriptor, clock: parameters.clock))
        }
    }

    public func reducingState<NS: Serializer, S: Serializer>(
        _ descriptor: ReducingStateDescriptor<S>, namespaceSerializer: NS
    ) throws -> ReducingStateHandle<NS.Value, S.Value> where NS.Value: Hashable {
        try register(descriptor.name, .reducing, descriptor.ttl, namespaceSerializer, skipElement: nil) { access in
            ReducingStateHandle(RocksDBReducingState(access: access, descriptor: descriptor, clock: parameters.clock))
        }
    }

    public func aggregatingState<NS: Serializer, F: AggregateFunction, AS: Serializer>(
        _ descriptor: AggregatingStateDescriptor<F, AS>, namespaceSerializer: NS
    ) throws -> AggregatingStateHandle<NS.Value, F.Input, F.Output> where NS.Value: Hashable {
        try register(descriptor.name, .aggregating, descriptor.ttl, namespaceSerializer, skipElement: nil) { access in
            AggregatingStateHandle(RocksDBAggregatingState(access: access, descriptor: descriptor, clock: parameters.clock))
        }
    }

    /// Returns the state registered under `name`, or makes it (creating its column family unless
    /// restored).
    /// - Throws: ``StateError`` `.incompatible` naming the state when kind, TTL presence or the
    ///   handle's types differ from an earlier registration or the restored state.
    private func register<NS: Serializer, Handle>(
        _ name: String, _ kind: StateKind, _ ttl: StateTTLConfig?, _ namespaceSerializer: NS,
        skipElement: (@Sendable (inout RocksDBSliceReader) throws -> Void)?,
        make: (RocksDBStateAccess<NS>) -> Handle
    ) throws -> Handle where NS.Value: Hashable {
        precondition(!context.db.isClosed, "state '\(name)' registered on a disposed backend")
        let info = StateMetaInfo(name: name, kind: kind, hasTTL: ttl != nil)
        let state: RocksDBRegisteredState
        if let existing = states[name] {
            guard existing.meta.info == info else {
                throw StateError(
                    .incompatible,
                    "state '\(name)' exists as \(existing.meta.info.kind)\(existing.meta.info.hasTTL ? " with" : " without") TTL, "
                        + "requested as \(kind)\(ttl != nil ? " with" : " without") TTL")
            }
            if let handle = existing.handle {
                guard let typed = handle as? Handle else {
                    throw StateError(.incompatible, "state '\(name)' was registered with other serializer types")
                }
                return typed
            }
            state = existing
        } else {
            state = try createState(RocksDBStateMeta(info: info, namespaceEncoding: RocksDBPartEncoding(fixedSize: namespaceSerializer.fixedSize)))
        }
        if let ttl {
            state.compaction.update(.init(kind: kind, ttl: ttl, skipElement: skipElement))
        }
        let access = RocksDBStateAccess(
            name: name, context: context, family: state.family, namespaceSerializer: namespaceSerializer,
            namespaceEncoding: state.meta.namespaceEncoding)
        let handle = make(access)
        state.handle = handle as AnyObject
        let encoding = state.meta.namespaceEncoding
        state.encodeNamespace = { value in
            guard let namespace = value as? NS.Value else { return nil }
            var scratch = ByteArrayWriter()
            namespaceSerializer.serialize(namespace, to: &scratch)
            var writer = ByteArrayWriter()
            encoding.append(scratch.bytes, to: &writer)
            return writer.bytes
        }
        return handle
    }

    /// Creates the column family and records the state's metadata in the default family.
    private func createState(_ meta: RocksDBStateMeta) throws -> RocksDBRegisteredState {
        let compaction = RocksDBTTLCompactionContext(clock: parameters.clock)
        do {
            let family = try db.createColumnFamily(
                named: meta.familyName,
                configuration: RocksDBFamilyConfiguration(
                    concatenationMerge: meta.info.kind == .list,
                    compactionFilter: meta.info.hasTTL ? compaction : nil))
            try db.put(meta.metaKey, meta.encoded(), in: db.defaultColumnFamily)
            let state = RocksDBRegisteredState(meta: meta, family: family, compaction: compaction)
            states[meta.name] = state
            return state
        } catch let error as RocksDBError {
            throw StateError(.backend, "cannot create state '\(meta.name)'", path: error.path, underlying: error)
        }
    }
}
