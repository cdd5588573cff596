import EddyCore
import EddyState

extension HeapKeyedStateBackend {
    // Inlinable so the handle's closures are built, and specialized, in the caller, which knows
    // the key, namespace and value types (see ``StateKey``).
    // Pre-specialized for the commonest shape, so calls through `any KeyedStateBackend` (user
    // functions) with these types still get specialized handles (the generic entry dispatches).
    @_specialize(where KS == IntegerSerializer<Int64>, NS == VoidNamespaceSerializer, S == IntegerSerializer<Int64>)
    @inlinable
    public func valueState<NS: Serializer, S: Serializer>(
        _ descriptor: ValueStateDescriptor<S>, namespaceSerializer: NS
    ) throws -> ValueStateHandle<NS.Value, S.Value> where NS.Value: Hashable {
        // Values without a TTL are stored bare, without the timestamp they would never use.
        guard descriptor.ttl != nil else {
            return try register(
                descriptor.name, codec: BareValueEntryCodec(serializer: descriptor.serializer),
                namespaceSerializer: namespaceSerializer, ttl: nil
            ) { HeapValueState(table: $0, defaultValue: descriptor.defaultValue).makeHandle() }
        }
        return try register(
            descriptor.name, codec: ValueEntryCodec(kind: .value, serializer: descriptor.serializer),
            namespaceSerializer: namespaceSerializer, ttl: descriptor.ttl
        ) { HeapValueState(table: $0, defaultValue: descriptor.defaultValue).makeHandle() }
    }

    public func listState<NS: Serializer, S: Serializer>(
        _ descriptor: ListStateDescriptor<S>, namespaceSerializer: NS
    ) throws -> ListStateHandle<NS.Value, S.Value> where NS.Value: Hashable {
        try register(
            descriptor.name, codec: ListEntryCodec(serializer: descriptor.elementSerializer),
            namespaceSerializer: namespaceSerializer, ttl: descriptor.ttl
        ) { ListStateHandle(HeapListState(table: $0)) }
    }

    @_specialize(where KS == IntegerSerializer<Int64>, NS == VoidNamespaceSerializer, UKS == IntegerSerializer<Int64>, UVS == IntegerSerializer<Int64>)
    public func mapState<NS: Serializer, UKS: Serializer, UVS: Serializer>(
        _ descriptor: MapStateDescriptor<UKS, UVS>, namespaceSerializer: NS
    ) throws -> MapStateHandle<NS.Value, UKS.Value, UVS.Value> where NS.Value: Hashable {
        try register(
            descriptor.name,
            codec: MapEntryCodec(keySerializer: descriptor.keySerializer, valueSerializer: descriptor.valueSerializer),
            namespaceSerializer: namespaceSerializer, ttl: descriptor.ttl
        ) { HeapMapState(table: $0).makeHandle() }
    }

    public func reducingState<NS: Serializer, S: Serializer>(
        _ descriptor: ReducingStateDescriptor<S>, namespaceSerializer: NS
    ) throws -> ReducingStateHandle<NS.Value, S.Value> where NS.Value: Hashable {
        try register(
            descriptor.name, codec: ValueEntryCodec(kind: .reducing, serializer: descriptor.serializer),
            namespaceSerializer: namespaceSerializer, ttl: descriptor.ttl
        ) { ReducingStateHandle(HeapReducingState(table: $0, reduce: descriptor.reduce)) }
    }

    public func aggregatingState<NS: Serializer, F: AggregateFunction, AS: Serializer>(
        _ descriptor: AggregatingStateDescriptor<F, AS>, namespaceSerializer: NS
    ) throws -> AggregatingStateHandle<NS.Value, F.Input, F.Output> where NS.Value: Hashable {
        try register(
            descriptor.name,
            codec: ValueEntryCodec(kind: .aggregating, serializer: descriptor.accumulatorSerializer),
            namespaceSerializer: namespaceSerializer, ttl: descriptor.ttl
        ) { AggregatingStateHandle(HeapAggregatingState(table: $0, function: descriptor.function)) }
    }

    /// Returns the state registered as `name`, or creates it, decoding its restored entries.
    /// - Throws: ``StateError`` (`.incompatible`, naming the state) when the name is taken by, or
    ///   was restored as, another kind of state, with(out) a TTL, or other types; or when restored
    ///   entries do not decode. A failed registration leaves the restored entries in place.
    ///
    /// Not inlinable: it runs once per registration; only `makeHandle` needs the caller's types.
    @usableFromInline
    func register<NS: Serializer, C: HeapEntryCodec, Handle: AnyObject>(
        _ name: String, codec: C, namespaceSerializer: NS, ttl: StateTTLConfig?,
        makeHandle: (HeapStateTable<KS, NS, C>) -> Handle
    ) throws -> Handle where NS.Value: Hashable {
        precondition(!isDisposed, "state '\(name)' registered on a disposed backend")
        let wanted = StateMetaInfo(name: name, kind: codec.kind, hasTTL: ttl != nil)
        if let existing = registered[name] {
            try Self.check(existing.table.metaInfo, against: wanted, what: "registered")
            guard let handle = existing.handle as? Handle else {
                throw StateError(
                    .incompatible,
                    "state '\(name)' is registered with other key, namespace or value types than \(Handle.self)")
            }
            return handle
        }
        let table = HeapStateTable(
            name: name, codec: codec, keySerializer: parameters.keySerializer,
            namespaceSerializer: namespaceSerializer, ttl: ttl, context: context)
        if let restoredState = restored[name] {
            try Self.check(restoredState.metaInfo, against: wanted, what: "restored")
            try table.restore(restoredState)
            restored[name] = nil
        }
        let handle = makeHandle(table)
        registered[name] = Registered(table: table, handle: handle)
        registrationOrder.append(name)
        return handle
    }

    private static func check(_ existing: StateMetaInfo, against wanted: StateMetaInfo, what: String) throws {
        guard existing.kind == wanted.kind else {
            throw StateError(
                .incompatible, "state '\(wanted.name)' is \(what) as \(existing.kind) state, not \(wanted.kind) state")
        }
        guard existing.hasTTL == wanted.hasTTL else {
            throw StateError(
                .incompatible,
                "state '\(wanted.name)' is \(what) \(existing.hasTTL ? "with" : "without") a TTL, "
                    + "the descriptor has \(wanted.hasTTL ? "one" : "none")")
        }
    }
}
