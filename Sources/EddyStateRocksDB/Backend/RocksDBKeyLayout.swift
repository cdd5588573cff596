import EddyCore
import EddyState

/// How one variable part of a RocksDB key is written: as is when its serializer has a fixed size,
/// else after a varint length, so that `key ‖ namespace ‖ map key` splits unambiguously and a
/// `key ‖ namespace` prefix never matches a longer namespace.
enum RocksDBPartEncoding: Sendable, Hashable {
    case fixed(Int)
    case lengthPrefixed

    init(fixedSize: Int?) { self = fixedSize.map { .fixed($0) } ?? .lengthPrefixed }

    /// Appends `part` encoded.
    func append<C: Collection<UInt8>>(_ part: C, to writer: inout ByteArrayWriter) {
        switch self {
        case .fixed(let size): precondition(part.count == size, "part of \(part.count) bytes, fixed size \(size)")
        case .lengthPrefixed: writer.writeVarInt(UInt64(part.count))
        }
        writer.writeBytes(part)
    }

    /// The range of the part starting at `offset` in `bytes`; nil when the bytes are too short.
    func range(in bytes: [UInt8], at offset: Int) -> Range<Int>? {
        switch self {
        case .fixed(let size):
            return offset + size <= bytes.count ? offset..<(offset + size) : nil
        case .lengthPrefixed:
            var length = 0
            var shift = 0
            var position = offset
            while position < bytes.count, shift < 64 {
                let byte = bytes[position]
                position += 1
                length |= Int(byte & 0x7F) << shift
                if byte & 0x80 == 0 {
                    return length >= 0 && position + length <= bytes.count ? position..<(position + length) : nil
                }
                shift += 7
            }
            return nil
        }
    }
}

/// The layout of every key of the backend's database:
/// `keyGroup (2 bytes, big-endian) ‖ key ‖ namespace [‖ map key]`, where key and namespace are
/// written with their ``RocksDBPartEncoding`` and the map key, last, as is. The key-group prefix
/// makes each key group a contiguous key range (prefix iteration, range copies on rescale).
///
/// Thread-safety: a value; `Sendable`.
struct RocksDBKeyLayout: Sendable {
    let keyEncoding: RocksDBPartEncoding

    /// The parts of one stored key, as ranges into it.
    struct Parts {
        var keyGroup: Int
        var key: Range<Int>
        var namespace: Range<Int>
        /// The map key for map states; empty otherwise.
        var rest: Range<Int>
    }

    static func keyGroupPrefix(_ keyGroup: Int) -> [UInt8] {
        precondition(keyGroup >= 0 && keyGroup <= 0xFFFF, "key group \(keyGroup) does not fit 2 bytes")
        return [UInt8(keyGroup >> 8), UInt8(keyGroup & 0xFF)]
    }

    static func keyGroup(of bytes: [UInt8]) -> Int? {
        bytes.count >= 2 ? Int(bytes[0]) << 8 | Int(bytes[1]) : nil
    }

    /// Splits a stored key; nil when it does not follow the layout.
    func split(_ bytes: [UInt8], namespace: RocksDBPartEncoding) -> Parts? {
        guard let keyGroup = Self.keyGroup(of: bytes),
            let key = keyEncoding.range(in: bytes, at: 2),
            let ns = namespace.range(in: bytes, at: key.upperBound)
        else { return nil }
        return Parts(keyGroup: keyGroup, key: key, namespace: ns, rest: ns.upperBound..<bytes.count)
    }
}
