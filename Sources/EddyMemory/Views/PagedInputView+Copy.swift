extension PagedInputView {
    /// Reads `count` bytes into `buffer`, replacing its contents and keeping its capacity, so a
    /// reused buffer makes the read allocation-free.
    /// - Throws: ``SerializationError`` (truncated) when fewer bytes are left.
    public mutating func readBytes(count: Int, into buffer: inout [UInt8]) throws(SerializationError) {
        guard count >= 0, count <= remainingBytes else {
            throw SerializationError(.truncated, "needed \(count) bytes at offset \(position), \(remainingBytes) left")
        }
        buffer.removeAll(keepingCapacity: true)
        if let base = currentBase, offsetInSegment + count <= currentLimit {
            buffer.append(contentsOf: UnsafeRawBufferPointer(start: base + offsetInSegment, count: count))
            offsetInSegment += count
            return
        }
        buffer.append(contentsOf: repeatElement(0, count: count))
        buffer.withUnsafeMutableBytes { copyOut(into: $0) }
    }
}

import EddyCore
