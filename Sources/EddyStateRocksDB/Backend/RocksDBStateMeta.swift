import EddyCore
import EddyState

/// What the database records of each state in its default column family (key `state/<name>`), so a
/// restored database (native checkpoint or rescaled copy) can be read before the state is
/// registered: a canonical savepoint must split its keys, and registration checks kind and TTL.
///
/// Thread-safety: a value; `Sendable`.
struct RocksDBStateMeta: Sendable, Hashable {
    var info: StateMetaInfo
    /// How the namespace is written in keys: from the namespace serializer when the state is
    /// created, always length-prefixed when restored from a canonical savepoint (whose file does
    /// not say whether the namespace serializer has a fixed size).
    var namespaceEncoding: RocksDBPartEncoding

    var name: String { info.name }
    /// The column family holding the state.
    var familyName: String { Self.familyPrefix + info.name }
    var metaKey: [UInt8] { Array((Self.metaKeyPrefix + info.name).utf8) }

    static let familyPrefix = "state:"
    static let metaKeyPrefix = "state/"

    func encoded() -> [UInt8] {
        var writer = ByteArrayWriter(reservingCapacity: 16)
        writer.writeByte(1)  // version
        writer.writeByte(KindCode.code(info.kind))
        writer.writeByte(info.hasTTL ? 1 : 0)
        switch namespaceEncoding {
        case .fixed(let size):
            writer.writeByte(0)
            writer.writeVarInt(UInt64(size))
        case .lengthPrefixed:
            writer.writeByte(1)
        }
        return writer.bytes
    }

    init(info: StateMetaInfo, namespaceEncoding: RocksDBPartEncoding) {
        self.info = info
        self.namespaceEncoding = namespaceEncoding
    }

    init(name: String, bytes: [UInt8]) throws {
        func corrupt(_ message: String) -> StateError {
            StateError(.corruptSnapshot, "state '\(name)': bad metadata in the database: \(message)")
        }
        var reader = ByteArrayReader(bytes)
        do {
            guard try reader.readByte() == 1 else { throw corrupt("unknown version") }
            guard let kind = KindCode.kind(try reader.readByte()) else { throw corrupt("unknown kind") }
            let hasTTL = try reader.readByte() != 0
            let encoding: RocksDBPartEncoding =
                try reader.readByte() == 0 ? .fixed(Int(try reader.readVarInt())) : .lengthPrefixed
            self.init(info: StateMetaInfo(name: name, kind: kind, hasTTL: hasTTL), namespaceEncoding: encoding)
        } catch let error as SerializationError {
            throw corrupt(error.message)
        }
    }

    /// Stable one-byte codes of state kinds (the database outlives releases).
    private enum KindCode {
        static let kinds: [StateKind] = [.value, .list, .map, .reducing, .aggregating]
        static func code(_ kind: StateKind) -> UInt8 { UInt8(kinds.firstIndex(of: kind)!) }
        static func kind(_ code: UInt8) -> StateKind? { Int(code) < kinds.count ? kinds[Int(code)] : nil }
    }
}
