/// A ``BinaryWriter`` appending to a growable byte array: the writer for tests, RocksDB key
/// buffers and any caller that wants the bytes as a plain `[UInt8]`.
///
/// Reuse one writer per task and call ``reset()`` between records, so the array's capacity is
/// allocated once rather than per record.
public struct ByteArrayWriter: BinaryWriter, Sendable {
    // Stored as an internal property so @inlinable writes can mutate it while `bytes` stays
    // read-only to users (a `private(set)` setter is not visible to inlinable code).
    @usableFromInline var storage: [UInt8]

    /// Creates an empty writer, reserving `capacity` bytes up front.
    @inlinable
    public init(reservingCapacity capacity: Int = 0) {
        storage = []
        storage.reserveCapacity(capacity)
    }

    /// The bytes written so far.
    @inlinable
    public var bytes: [UInt8] { storage }

    /// Number of bytes written so far.
    @inlinable
    public var count: Int { storage.count }

    /// Forgets the bytes written but keeps the capacity, for reuse on the next record.
    @inlinable
    public mutating func reset() {
        storage.removeAll(keepingCapacity: true)
    }

    @inlinable
    public mutating func writeByte(_ byte: UInt8) {
        storage.append(byte)
    }

    @inlinable
    public mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
        // Most significant byte first; shifting avoids raw pointers, and the loop unrolls once
        // specialized for a concrete T.
        var shift = T.bitWidth - 8
        while shift >= 0 {
            storage.append(UInt8(truncatingIfNeeded: value >> shift))
            shift -= 8
        }
    }

    @inlinable
    public mutating func writeBytes<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        storage.append(contentsOf: bytes)
    }
}
