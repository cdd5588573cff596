import EddyCore

extension PagedInputView {
    public mutating func readBytes(count: Int) throws(SerializationError) -> [UInt8] {
        try checkAvailable(count)
        var result = [UInt8](repeating: 0, count: count)
        result.withUnsafeMutableBytes { copyOut(into: $0) }
        return result
    }

    public mutating func readUTF8String(byteCount count: Int) throws(SerializationError) -> String {
        try checkAvailable(count)
        // Fast path: the whole string lies in the current segment, decode it in place.
        if let base = currentBase, offsetInSegment + count <= currentLimit {
            let bytes = UnsafeRawBufferPointer(start: base + offsetInSegment, count: count)
            guard let string = String(validating: bytes.bindMemory(to: UInt8.self), as: UTF8.self) else {
                throw SerializationError(.malformed, "invalid UTF-8 in \(count) bytes at offset \(position)")
            }
            offsetInSegment += count
            return string
        }
        let start = position
        let bytes = try readBytes(count: count)
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw SerializationError(.malformed, "invalid UTF-8 in \(count) bytes at offset \(start)")
        }
        return string
    }

    public mutating func skip(_ count: Int) throws(SerializationError) {
        try checkAvailable(count)
        var left = count
        while left > 0 {
            if offsetInSegment == currentLimit { moveToNextSegment() }
            let chunk = min(left, currentLimit - offsetInSegment)
            offsetInSegment += chunk
            left -= chunk
        }
    }

    /// Moves back to the first byte.
    public mutating func rewind() {
        segmentIndex = 0
        offsetInSegment = 0
        currentBase = segments.first?.base
        currentLimit = min(byteCount, segmentSize)
    }

    private func checkAvailable(_ count: Int) throws(SerializationError) {
        guard count >= 0, count <= remainingBytes else {
            throw SerializationError(
                .truncated, "needed \(count) bytes at offset \(position), \(remainingBytes) left")
        }
    }
}
