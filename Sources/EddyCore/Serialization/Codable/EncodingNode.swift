/// Bytes of one Codable container, kept as a small tree until the value is fully encoded.
///
/// Unkeyed containers are prefixed with a varint element count that is known only after their
/// last element, and Codable allows a nested container to be filled after later fields of its
/// parent. So each unkeyed or nested container gets its own node, placed where it was created,
/// and the tree is written out in order once `encode(to:)` has returned. Plain fields append to
/// the current node's `pending` run, so a flat struct is a single node and a single buffer.
final class EncodingNode {
    enum Part {
        case bytes([UInt8])
        case child(EncodingNode)
    }

    private var parts: [Part] = []
    /// Bytes written since the last child was added.
    var pending = ByteArrayWriter()
    /// Whether ``write(to:)`` prefixes the node with ``count`` as a varint.
    let isCountPrefixed: Bool
    /// Elements encoded, for count-prefixed (unkeyed) nodes.
    var count = 0

    init(countPrefixed: Bool = false) {
        isCountPrefixed = countPrefixed
    }

    /// Adds `child` at the current position and returns it.
    @discardableResult
    func append(_ child: EncodingNode) -> EncodingNode {
        if pending.count > 0 {
            parts.append(.bytes(pending.bytes))
            pending = ByteArrayWriter()
        }
        parts.append(.child(child))
        return child
    }

    /// Writes the whole tree depth-first, in creation order.
    func write<W: BinaryWriter>(to writer: inout W) {
        if isCountPrefixed { writer.writeVarInt(UInt64(count)) }
        for part in parts {
            switch part {
            case .bytes(let bytes): writer.writeBytes(bytes)
            case .child(let child): child.write(to: &writer)
            }
        }
        writer.writeBytes(pending.bytes)
    }

    /// The tree's bytes as one array.
    func flattened() -> [UInt8] {
        var writer = ByteArrayWriter()
        write(to: &writer)
        return writer.bytes
    }
}
