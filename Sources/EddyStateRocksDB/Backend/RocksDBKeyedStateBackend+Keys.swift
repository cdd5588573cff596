import EddyCore
import EddyState

/// Key enumeration for timers and windows: by decoding stored keys.
extension RocksDBKeyedStateBackend {
    /// The distinct keys with a value in `stateName` under `namespace`, in stored-key order.
    /// Expired TTL values are not checked (as Flink's `getKeys`).
    /// - Complexity: a scan of the state's whole column family.
    /// - Throws: ``StateError`` `.invalidState` for an unknown or unregistered state or a namespace
    ///   of another type.
    public func keys<N: Hashable>(stateName: String, namespace: N) throws -> [KS.Value] {
        guard let state = states[stateName], let encode = state.encodeNamespace else {
            throw StateError(.invalidState, "state '\(stateName)' is not registered")
        }
        guard let target = encode(namespace) else {
            throw StateError(.invalidState, "state '\(stateName)': namespace \(N.self) is not its namespace type")
        }
        var result: [KS.Value] = []
        var previousKey: ArraySlice<UInt8>?
        try scan(state, lowerBound: nil, upperBound: nil) { bytes, parts in
            guard bytes[parts.key.upperBound..<parts.namespace.upperBound].elementsEqual(target) else { return }
            let key = bytes[parts.key]
            if previousKey == key { return }  // map entries of one key are adjacent
            previousKey = key
            result.append(try decodeKey(key, state: stateName))
        }
        return result
    }

    /// The distinct keys with any state in `keyGroup`.
    /// - Complexity: one prefix scan per state.
    public func keys(inKeyGroup keyGroup: Int) throws -> [KS.Value] {
        let prefix = RocksDBKeyLayout.keyGroupPrefix(keyGroup)
        var seen = Set<[UInt8]>()
        var result: [KS.Value] = []
        for state in states.values.sorted(by: { $0.meta.name < $1.meta.name }) {
            try scan(state, lowerBound: prefix, upperBound: RocksDB.upperBound(forPrefix: prefix)) { bytes, parts in
                let key = Array(bytes[parts.key])
                if seen.insert(key).inserted { result.append(try decodeKey(key[...], state: state.meta.name)) }
            }
        }
        return result
    }

    private func decodeKey(_ bytes: ArraySlice<UInt8>, state: String) throws -> KS.Value {
        do { return try keySerializer.deserialize(Array(bytes)) } catch {
            throw StateError(.backend, "state '\(state)': cannot decode a stored key: \(error.message)", underlying: error)
        }
    }

    /// Visits every stored key of `state` within the bounds, split per the layout.
    func scan(
        _ state: RocksDBRegisteredState, lowerBound: [UInt8]?, upperBound: [UInt8]?,
        _ visit: ([UInt8], RocksDBKeyLayout.Parts) throws -> Void
    ) throws {
        let iterator = db.makeIterator(in: state.family, lowerBound: lowerBound, upperBound: upperBound)
        defer { iterator.close() }
        iterator.seekToFirst()
        while iterator.isValid {
            let bytes = iterator.key
            guard let parts = context.layout.split(bytes, namespace: state.meta.namespaceEncoding) else {
                throw StateError(.backend, "state '\(state.meta.name)': a stored key does not follow the key layout")
            }
            try visit(bytes, parts)
            iterator.next()
        }
        do { try iterator.checkError() } catch let error as RocksDBError {
            throw StateError(.backend, "state '\(state.meta.name)': iteration failed", path: error.path, underlying: error)
        }
    }
}
