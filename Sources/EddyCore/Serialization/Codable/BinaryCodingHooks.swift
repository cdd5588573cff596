/// Types the binary encoder writes itself instead of calling `encode(to:)`: primitives (fast
/// path, fixed format), optionals (so every Optional gets a tag, wherever it is nested) and
/// dictionaries (whose own conformance needs keyed containers with keys).
protocol BinaryEncodingHook {
    func encodeBinary(into encoder: EncoderImpl) throws
}

/// Types the binary decoder reads itself instead of calling `init(from:)`; see
/// ``BinaryEncodingHook``.
protocol BinaryDecodingHook {
    static func decodeBinary<R: BinaryReader>(from decoder: DecoderImpl<R>) throws -> Self
}

extension BinaryEncodingHook where Self: FixedWidthInteger {
    func encodeBinary(into encoder: EncoderImpl) { encoder.node.pending.writeInteger(self) }
}

extension BinaryDecodingHook where Self: FixedWidthInteger {
    static func decodeBinary<R: BinaryReader>(from decoder: DecoderImpl<R>) throws -> Self {
        try decoder.state.reader.readInteger(Self.self)
    }
}

extension Int: BinaryEncodingHook, BinaryDecodingHook {}
extension Int8: BinaryEncodingHook, BinaryDecodingHook {}
extension Int16: BinaryEncodingHook, BinaryDecodingHook {}
extension Int32: BinaryEncodingHook, BinaryDecodingHook {}
extension Int64: BinaryEncodingHook, BinaryDecodingHook {}
extension UInt: BinaryEncodingHook, BinaryDecodingHook {}
extension UInt8: BinaryEncodingHook, BinaryDecodingHook {}
extension UInt16: BinaryEncodingHook, BinaryDecodingHook {}
extension UInt32: BinaryEncodingHook, BinaryDecodingHook {}
extension UInt64: BinaryEncodingHook, BinaryDecodingHook {}

extension Bool: BinaryEncodingHook, BinaryDecodingHook {
    func encodeBinary(into encoder: EncoderImpl) {
        BoolSerializer().serialize(self, to: &encoder.node.pending)
    }
    static func decodeBinary<R: BinaryReader>(from decoder: DecoderImpl<R>) throws -> Bool {
        try BoolSerializer().deserialize(from: &decoder.state.reader)
    }
}

extension Double: BinaryEncodingHook, BinaryDecodingHook {
    func encodeBinary(into encoder: EncoderImpl) { encoder.node.pending.writeDouble(self) }
    static func decodeBinary<R: BinaryReader>(from decoder: DecoderImpl<R>) throws -> Double {
        try decoder.state.reader.readDouble()
    }
}

extension Float: BinaryEncodingHook, BinaryDecodingHook {
    func encodeBinary(into encoder: EncoderImpl) { encoder.node.pending.writeFloat(self) }
    static func decodeBinary<R: BinaryReader>(from decoder: DecoderImpl<R>) throws -> Float {
        try decoder.state.reader.readFloat()
    }
}

extension String: BinaryEncodingHook, BinaryDecodingHook {
    func encodeBinary(into encoder: EncoderImpl) {
        StringSerializer().serialize(self, to: &encoder.node.pending)
    }
    static func decodeBinary<R: BinaryReader>(from decoder: DecoderImpl<R>) throws -> String {
        try StringSerializer().deserialize(from: &decoder.state.reader)
    }
}

extension Optional: BinaryEncodingHook where Wrapped: Encodable {
    func encodeBinary(into encoder: EncoderImpl) throws {
        if let value = self {
            encoder.node.pending.writeByte(1)
            try encoder.encodeValue(value)
        } else {
            encoder.node.pending.writeByte(0)
        }
    }
}

extension Optional: BinaryDecodingHook where Wrapped: Decodable {
    static func decodeBinary<R: BinaryReader>(from decoder: DecoderImpl<R>) throws -> Wrapped? {
        try decoder.state.readNilTag() ? nil : try decoder.decodeValue(Wrapped.self)
    }
}

extension Dictionary: BinaryEncodingHook where Key: Encodable, Value: Encodable {
    /// Entries sorted by encoded key bytes: iteration order depends on the per-process hash
    /// seed, and equal dictionaries must encode to equal bytes.
    func encodeBinary(into encoder: EncoderImpl) throws {
        var entries: [(key: [UInt8], value: EncodingNode)] = []
        entries.reserveCapacity(count)
        for (key, value) in self {
            let keyNode = EncodingNode()
            try EncoderImpl(node: keyNode, sharing: encoder).encodeValue(key)
            let valueNode = EncodingNode()
            try EncoderImpl(node: valueNode, sharing: encoder).encodeValue(value)
            entries.append((keyNode.flattened(), valueNode))
        }
        entries.sort { $0.key.lexicographicallyPrecedes($1.key) }
        encoder.node.pending.writeVarInt(UInt64(entries.count))
        for entry in entries {
            encoder.node.pending.writeBytes(entry.key)
            encoder.node.append(entry.value)
        }
    }
}

extension Dictionary: BinaryDecodingHook where Key: Decodable, Value: Decodable {
    static func decodeBinary<R: BinaryReader>(from decoder: DecoderImpl<R>) throws -> Self {
        // Each entry takes at least one byte, which bounds the reservation by the input size.
        let count = try decoder.state.reader.readLength(what: "dictionary count")
        var result: Self = [:]
        result.reserveCapacity(count)
        for _ in 0..<count {
            let key = try decoder.decodeValue(Key.self)
            let value = try decoder.decodeValue(Value.self)
            guard result.updateValue(value, forKey: key) == nil else {
                throw SerializationError(.malformed, "duplicate dictionary key \(key)")
            }
        }
        return result
    }
}
