import EddyCore

/// What the backend needs of a registered state handle to snapshot it, whatever its element types.
protocol RegisteredOperatorState: AnyObject {
    var name: String { get }
    var mode: OperatorStateMode { get }
    /// Elements, or entries for broadcast state.
    var count: Int { get }
    /// Appends the state to a file being written, serializing with the registered serializers.
    func write(to file: inout OperatorStateFileWriter)
}

/// Decodes restored bytes with the serializer registered now; every slice must be one whole value.
/// - Throws: ``StateError`` `.incompatible` naming the state, when the serializer does not match
///   the bytes (the file passed its checksum, so the bytes are what was written).
func decodeOperatorStateItems<S: Serializer>(
    _ slices: some Collection<ArraySlice<UInt8>>, with serializer: S, state: String, what: String
) throws -> [S.Value] {
    var values: [S.Value] = []
    values.reserveCapacity(slices.count)
    for (index, slice) in slices.enumerated() {
        var reader = ByteArrayReader(slice)
        do {
            let value = try serializer.deserialize(from: &reader)
            guard reader.isAtEnd else {
                throw SerializationError(.malformed, "\(reader.remainingBytes) trailing bytes")
            }
            values.append(value)
        } catch {
            throw StateError(
                .incompatible,
                "operator state '\(state)': restored \(what) \(index) does not deserialize with the registered serializer",
                underlying: error)
        }
    }
    return values
}
