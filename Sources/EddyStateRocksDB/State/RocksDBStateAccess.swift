import EddyCore
import EddyState

/// Key building and raw reads and writes for one state handle: the state's column family, its
/// namespace encoding and a key buffer reused for every access, so building a key allocates
/// nothing once the buffer has grown.
///
/// Thread-safety: confined to the task thread, as the handle that owns it.
struct RocksDBStateAccess<NS: Serializer> {
    let name: String
    let context: RocksDBStateContext
    let family: RocksDBColumnFamily
    let namespaceSerializer: NS
    let namespaceEncoding: RocksDBPartEncoding
    /// The current namespace, encoded; nil until set (except for empty namespaces).
    private(set) var namespaceBytes: [UInt8]?
    private var keyBuffer = ByteArrayWriter(reservingCapacity: 64)
    private var scratch = ByteArrayWriter(reservingCapacity: 32)

    init(name: String, context: RocksDBStateContext, family: RocksDBColumnFamily, namespaceSerializer: NS,
         namespaceEncoding: RocksDBPartEncoding) {
        self.name = name
        self.context = context
        self.family = family
        self.namespaceSerializer = namespaceSerializer
        self.namespaceEncoding = namespaceEncoding
        // A namespace serialized as nothing (VoidNamespace) needs no call to setCurrentNamespace.
        if namespaceSerializer.fixedSize == 0 {
            var writer = ByteArrayWriter()
            namespaceEncoding.append([UInt8](), to: &writer)
            namespaceBytes = writer.bytes
        }
    }

    /// Encodes the namespace into the reused buffer (windows change it per record).
    mutating func setNamespace(_ namespace: NS.Value) {
        scratch.reset()
        namespaceSerializer.serialize(namespace, to: &scratch)
        var bytes = namespaceBytes ?? []
        namespaceBytes = nil  // keeps `bytes` unique, so it is reused rather than copied
        bytes.removeAll(keepingCapacity: true)
        if case .lengthPrefixed = namespaceEncoding {
            var length = UInt64(scratch.count)
            while length >= 0x80 {
                bytes.append(UInt8(length & 0x7F) | 0x80)
                length >>= 7
            }
            bytes.append(UInt8(length))
        }
        bytes.append(contentsOf: scratch.bytes)
        namespaceBytes = bytes
    }

    /// `keyGroup ‖ key ‖ namespace` of the current key and namespace.
    ///
    /// Build a key in a statement of its own (`let key = access.key()`), not as an argument of
    /// this access's own method (`access.put(access.key(), …)`): there Swift copies `access` before
    /// `key()` rewrites the buffer, and the copy's reference makes the rewrite copy the buffer
    /// (one allocation per write).
    mutating func key() -> [UInt8] {
        buildPrefix()
        return keyBuffer.bytes
    }

    /// `keyGroup ‖ key ‖ namespace ‖ mapKey`.
    mutating func key<MS: Serializer>(mapKey: MS.Value, serializer: MS) -> [UInt8] {
        buildPrefix()
        serializer.serialize(mapKey, to: &keyBuffer)
        return keyBuffer.bytes
    }

    private mutating func buildPrefix() {
        precondition(context.hasKey, "state '\(name)' used before setCurrentKey")
        guard let namespaceBytes else { preconditionFailure("state '\(name)' used before setCurrentNamespace") }
        keyBuffer.reset()
        keyBuffer.writeBytes(context.keyPrefix.bytes)
        keyBuffer.writeBytes(namespaceBytes)
    }

    func get(_ key: [UInt8]) throws -> [UInt8]? {
        try backend { try context.db.get(key, in: family) }
    }

    /// Decodes the single-record value under `key` straight from RocksDB's pinned buffer (no copy).
    func read<S: Serializer>(_ key: [UInt8], codec: RocksDBValueCodec<S>) throws -> (timestamp: Int64, value: S.Value)? {
        do {
            return try backend {
                try context.db.withValueSlice(forKey: key, in: family) { slice in
                    var reader = slice.reader()
                    return try codec.decodeWhole(from: &reader)
                }
            }
        } catch let error as SerializationError {
            throw corrupt(error)
        }
    }

    func put(_ key: [UInt8], _ value: some Collection<UInt8>) throws {
        try backend { try context.db.put(key, value, in: family) }
    }

    func merge(_ key: [UInt8], _ operand: [UInt8]) throws {
        try backend { try context.db.merge(key, operand, in: family) }
    }

    func delete(_ key: [UInt8]) throws {
        try backend { try context.db.delete(key, in: family) }
    }

    /// Deletes the entry of the current key and namespace (a state's `clear`).
    mutating func deleteCurrent() throws {
        let current = key()
        try delete(current)
    }

    /// Removes every key starting with `prefix` (a map's entries) with one range tombstone.
    func deletePrefix(_ prefix: [UInt8]) throws {
        guard let end = RocksDB.upperBound(forPrefix: prefix) else { return }
        try backend { try context.db.deleteRange(from: prefix, to: end, in: family) }
    }

    /// Turns a RocksDB failure into a ``StateError`` naming the state.
    func backend<R>(_ body: () throws -> R) throws -> R {
        do { return try body() } catch let error as RocksDBError {
            throw StateError(.backend, "state '\(name)': RocksDB failed", path: error.path, underlying: error)
        }
    }

    /// A decoding failure of stored bytes, naming the state.
    func corrupt(_ error: SerializationError) -> StateError {
        StateError(.backend, "state '\(name)': cannot decode stored bytes: \(error.message)", underlying: error)
    }
}
