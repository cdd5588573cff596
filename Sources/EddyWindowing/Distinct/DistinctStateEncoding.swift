import EddyCore

extension BinaryWriter {
    /// Version and window geometry, first in every distinct counter's state.
    mutating func writeStateHeader(version: UInt8, windows: SliceWindows) {
        writeByte(version)
        writeInteger(windows.sizeMillis)
        writeInteger(windows.slideMillis)
    }

    mutating func writeOptional(_ value: Int64?) {
        writeByte(value == nil ? 0 : 1)
        writeInteger(value ?? 0)
    }
}

extension ByteArrayReader {
    /// Reads ``BinaryWriter/writeStateHeader(version:windows:)`` and checks it against this operator.
    /// - Throws: ``DistinctCountError`` for another version (`corruptState`) or other windows (`unsupportedRestore`).
    mutating func readStateHeader(version expected: UInt8, windows: SliceWindows, stateName: String) throws {
        let version = try readByte()
        guard version == expected else {
            throw DistinctCountError(.corruptState, "\(stateName) state version \(version), expected \(expected)")
        }
        let size = try readInteger(Int64.self)
        let slide = try readInteger(Int64.self)
        guard size == windows.sizeMillis, slide == windows.slideMillis else {
            throw DistinctCountError(
                .unsupportedRestore,
                "the snapshot counts windows of \(size) ms sliding by \(slide) ms, this operator \(windows.sizeMillis) ms by \(windows.slideMillis) ms")
        }
    }

    mutating func readOptional() throws(SerializationError) -> Int64? {
        let present = try readByte()
        let value = try readInteger(Int64.self)
        return present == 0 ? nil : value
    }
}
