import EddyCore

extension OperatorStateBackend {
    /// The split-mode list state named by `descriptor`, created or restored: on restore the old
    /// subtasks' lists are concatenated in subtask order and cut into contiguous, even chunks.
    /// - Parameter descriptor: name and element serializer; operator state has no TTL.
    /// - Returns: the same handle every time for the same name.
    /// - Throws: ``StateError`` `.incompatible` when the name is taken by another mode or element
    ///   type, or the restored elements do not deserialize with the descriptor's serializer.
    /// - Complexity: O(n) in the restored elements on first registration, O(1) after.
    public func listState<S: Serializer>(_ descriptor: ListStateDescriptor<S>) throws -> OperatorListState<S.Value> {
        try list(descriptor, mode: .split)
    }

    /// The union-mode list state named by `descriptor`: on restore every subtask gets the union of
    /// all old subtasks' lists, in old-subtask order. Keep union lists small: every subtask holds
    /// all of them.
    /// - Throws: as ``listState(_:)``.
    public func unionListState<S: Serializer>(_ descriptor: ListStateDescriptor<S>) throws -> OperatorListState<S.Value> {
        try list(descriptor, mode: .union)
    }

    /// The broadcast state named by `descriptor`: a map the broadcast input keeps equal on every
    /// subtask; on restore every subtask gets one old subtask's copy (subtask 0's when there).
    /// - Throws: ``StateError`` `.incompatible` when the name is taken by another mode or types,
    ///   or the restored entries do not deserialize (or two keys decode equal).
    public func broadcastState<KS: Serializer, VS: Serializer>(
        _ descriptor: MapStateDescriptor<KS, VS>
    ) throws -> BroadcastState<KS.Value, VS.Value> {
        precondition(descriptor.ttl == nil, "operator state '\(descriptor.name)' cannot have a TTL (Flink allows none either)")
        return try register(name: descriptor.name, mode: .broadcast) { restored in
            var map: [KS.Value: VS.Value] = [:]
            if let restored {
                let keys = try decodeOperatorStateItems(
                    restored.entries.lazy.map(\.key), with: descriptor.keySerializer, state: descriptor.name, what: "key")
                let values = try decodeOperatorStateItems(
                    restored.entries.lazy.map(\.value), with: descriptor.valueSerializer, state: descriptor.name,
                    what: "value")
                map.reserveCapacity(keys.count)
                for (key, value) in zip(keys, values) {
                    guard map.updateValue(value, forKey: key) == nil else {
                        throw StateError(
                            .incompatible,
                            "operator state '\(descriptor.name)': two restored keys decode to the same key \(key)")
                    }
                }
            }
            return BroadcastState(
                name: descriptor.name, keySerializer: descriptor.keySerializer,
                valueSerializer: descriptor.valueSerializer, map: map)
        }
    }

    private func list<S: Serializer>(_ descriptor: ListStateDescriptor<S>, mode: OperatorStateMode) throws
        -> OperatorListState<S.Value>
    {
        precondition(descriptor.ttl == nil, "operator state '\(descriptor.name)' cannot have a TTL (Flink allows none either)")
        return try register(name: descriptor.name, mode: mode) { restored in
            let elements = try restored.map {
                try decodeOperatorStateItems(
                    $0.elements, with: descriptor.elementSerializer, state: descriptor.name, what: "element")
            }
            return OperatorListState(
                name: descriptor.name, mode: mode, serializer: descriptor.elementSerializer, elements: elements ?? [])
        }
    }
}
