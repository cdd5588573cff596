/// Cuts a byte stream, read in chunks, into lines: the splitting shared by the file and socket
/// sources.
///
/// A line that lies inside one chunk is handed out as a slice of the chunk (no copy); only a line
/// that straddles chunks is assembled in `carry`. Lines come without '\n' and without a '\r' before
/// it. Tracks the stream offset just past the last complete line, for resume positions.
///
/// A returned slice is valid until the next mutating call (it would then be copied, not corrupted).
struct LineBuffer {
    private var chunk: [UInt8]
    /// Valid bytes in `chunk`.
    private var count = 0
    /// Start of the first byte of `chunk` not yet part of a returned line or of `carry`.
    private var cursor = 0
    /// The start of a line that continues past `chunk`; usually empty.
    private var carry: [UInt8] = []
    /// `carry` was handed out as a line and is to be emptied on the next call.
    private var carryHandedOut = false
    /// Stream offset of `chunk[0]`.
    private var chunkOffset: Int
    /// Stream offset just past the '\n' of the last line returned (or the end of a final line).
    private(set) var consumedOffset: Int

    /// - Parameters:
    ///   - chunkSize: bytes per read.
    ///   - startOffset: stream offset of the first byte that will be read.
    init(chunkSize: Int, startOffset: Int = 0) {
        chunk = [UInt8](repeating: 0, count: Swift.max(chunkSize, 1))
        chunkOffset = startOffset
        consumedOffset = startOffset
    }

    /// A placeholder without storage, to move a buffer out of a class property and back.
    static var empty: LineBuffer { LineBuffer() }

    private init() {
        chunk = []
        chunkOffset = 0
        consumedOffset = 0
    }

    /// Bytes of an incomplete line held back, waiting for its '\n'.
    var pendingByteCount: Int { carryHandedOut ? 0 : carry.count + (count - cursor) }

    /// The next complete line, or nil when the buffered bytes hold no more '\n' (then `refill`).
    @inline(__always)
    mutating func nextLine() -> ArraySlice<UInt8>? {
        if carryHandedOut {
            carry.removeAll(keepingCapacity: true)
            carryHandedOut = false
        }
        let start = cursor
        var position = start
        while position < count && chunk[position] != UInt8(ascii: "\n") { position += 1 }
        if position == count {
            if start < count { carry.append(contentsOf: chunk[start..<count]) }
            cursor = count
            return nil
        }
        cursor = position + 1
        consumedOffset = chunkOffset + cursor
        if carry.isEmpty { return Self.droppingCarriageReturn(chunk[start..<position]) }
        carry.append(contentsOf: chunk[start..<position])
        carryHandedOut = true
        return Self.droppingCarriageReturn(carry[...])
    }

    /// Reads the next chunk with `read`, which fills its argument from index 0 and returns the count.
    ///
    /// - Precondition: `nextLine()` returned nil since the last refill (the chunk is used up).
    /// - Returns: what `read` returned; the buffer changes only when that is positive.
    mutating func refill<E: Error>(_ read: (inout [UInt8]) throws(E) -> Int) throws(E) -> Int {
        precondition(cursor == count, "LineBuffer.refill before the chunk was used up")
        let read = try read(&chunk)
        if read > 0 {
            chunkOffset += count
            count = read
            cursor = 0
        }
        return read
    }

    /// At the end of the stream: the held-back last line without '\n', if there is one.
    mutating func takeFinalLine() -> ArraySlice<UInt8>? {
        if carryHandedOut {
            carry.removeAll(keepingCapacity: true)
            carryHandedOut = false
        }
        guard !carry.isEmpty else { return nil }
        consumedOffset = chunkOffset + count
        carryHandedOut = true
        return Self.droppingCarriageReturn(carry[...])
    }

    @inline(__always)
    private static func droppingCarriageReturn(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        if let last = line.last, last == UInt8(ascii: "\r") { return line.dropLast() }
        return line
    }
}
