import EddyCore

/// Parses a file written by ``OperatorStateFileWriter``. Every malformed byte throws ``StateError``
/// (`.corruptSnapshot`) naming the file; nothing crashes, and no length is trusted before it is
/// checked against the bytes left.
enum OperatorStateFileReader {
    /// The states of the file, in file order; the slices point into `bytes`.
    /// - Parameters:
    ///   - bytes: the whole file, already checked against its handle's checksum.
    ///   - path: for error messages.
    /// - Throws: ``StateError`` `.corruptSnapshot` naming `path`.
    static func read(_ bytes: [UInt8], path: String) throws -> [SerializedOperatorState] {
        func corrupt(_ message: String) -> StateError {
            StateError(.corruptSnapshot, "operator state file: \(message)", path: path)
        }
        let magic = OperatorStateFileWriter.magic, end = OperatorStateFileWriter.endMarker
        guard bytes.count >= magic.count + 1 + end.count, bytes.starts(with: magic) else { throw corrupt("bad magic") }
        guard bytes[magic.count] == OperatorStateFileWriter.version else {
            throw corrupt("unknown version \(bytes[magic.count])")
        }
        guard bytes[(bytes.count - end.count)...].elementsEqual(end) else { throw corrupt("missing end marker (truncated?)") }
        let body = bytes[(magic.count + 1)..<(bytes.count - end.count)]
        var reader = ByteArrayReader(body)
        var states: [SerializedOperatorState] = []
        var names: Set<String> = []
        do {
            // Each state takes at least 3 bytes: name length, mode, count.
            let stateCount = try reader.readLength(minimumElementSize: 3, what: "state count")
            for _ in 0..<stateCount {
                let name = try reader.readUTF8String(byteCount: try reader.readLength(what: "state name length"))
                guard names.insert(name).inserted else { throw corrupt("state '\(name)' appears twice") }
                guard let mode = OperatorStateMode(fileCode: try reader.readByte()) else {
                    throw corrupt("unknown mode of state '\(name)'")
                }
                var state = SerializedOperatorState(name: name, mode: mode)
                let count = try reader.readLength(minimumElementSize: mode.isMap ? 2 : 1, what: "element count")
                if mode.isMap {
                    state.entries.reserveCapacity(count)
                    for _ in 0..<count {
                        let key = try chunk(&reader, in: body)
                        state.entries.append((key, try chunk(&reader, in: body)))
                    }
                } else {
                    state.elements.reserveCapacity(count)
                    for _ in 0..<count { state.elements.append(try chunk(&reader, in: body)) }
                }
                states.append(state)
            }
        } catch let error as SerializationError {
            throw corrupt("\(error.message) (offset \(magic.count + 1 + reader.position))")
        }
        guard reader.isAtEnd else { throw corrupt("\(reader.remainingBytes) bytes after the last state") }
        return states
    }

    /// A length-prefixed byte range, as a slice of the file.
    private static func chunk(
        _ reader: inout ByteArrayReader, in body: ArraySlice<UInt8>
    ) throws(SerializationError) -> ArraySlice<UInt8> {
        let length = try reader.readLength(what: "element length")
        let begin = body.startIndex + reader.position
        try reader.skip(length)
        return body[begin..<(begin + length)]
    }
}
