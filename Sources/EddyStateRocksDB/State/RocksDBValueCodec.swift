import EddyCore
import EddyState

/// The value bytes of one state per ``CanonicalStateFormat``: `[timestamp 8 B BE] ‖ serializer
/// bytes`, the timestamp present only when the state has a TTL. Lists repeat this per element.
///
/// Thread-safety: confined to the task thread (it owns a reused buffer).
struct RocksDBValueCodec<S: Serializer> {
    let serializer: S
    let ttl: StateTTLConfig?
    private var writer = ByteArrayWriter(reservingCapacity: 64)

    init(serializer: S, ttl: StateTTLConfig?) {
        self.serializer = serializer
        self.ttl = ttl
    }

    var prefixBytes: Int { ttl == nil ? 0 : CanonicalStateFormat.timestampBytes }

    /// One record: `[timestamp] ‖ value`.
    mutating func encode(_ value: S.Value, timestamp: Int64) -> [UInt8] {
        writer.reset()
        append(value, timestamp: timestamp)
        return writer.bytes
    }

    /// Several records laid end to end (a list value).
    mutating func encode(_ values: [S.Value], timestamp: Int64) -> [UInt8] {
        writer.reset()
        for value in values { append(value, timestamp: timestamp) }
        return writer.bytes
    }

    /// Appends one record to the codec's own writer. A mutating method on purpose: a non-mutating
    /// one taking `self.writer` inout makes Swift copy `self` first (the two accesses would overlap),
    /// and the copy's reference to the writer's array made every write copy that array (one
    /// allocation per write).
    private mutating func append(_ value: S.Value, timestamp: Int64) {
        if ttl != nil { writer.writeInteger(timestamp) }
        serializer.serialize(value, to: &writer)
    }

    /// Reads one record at the reader's position: its timestamp (0 without TTL) and value.
    func decode<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> (timestamp: Int64, value: S.Value) {
        let timestamp = ttl == nil ? 0 : try reader.readInteger(Int64.self)
        return (timestamp, try serializer.deserialize(from: &reader))
    }

    /// Decodes a whole single-record value.
    func decode(_ bytes: [UInt8]) throws(SerializationError) -> (timestamp: Int64, value: S.Value) {
        var reader = ByteArrayReader(bytes)
        return try decodeWhole(from: &reader)
    }

    /// Decodes a single-record value that must span the reader's remaining bytes.
    func decodeWhole<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> (timestamp: Int64, value: S.Value) {
        let record = try decode(from: &reader)
        guard reader.remainingBytes == 0 else {
            throw SerializationError(.malformed, "\(reader.remainingBytes) bytes after the value")
        }
        return record
    }
}
