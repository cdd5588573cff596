import EddyMemory

/// The in-flight data of one input channel for an unaligned checkpoint: the bytes that arrived
/// before the channel's barrier but after the task took its snapshot (Flink's input channel
/// state). Buffers are copied whole as the channel's view adopts them; an aligned barrier read in
/// the stream then cuts the copy where the barrier starts. Bytes start and end at element
/// boundaries, so a restore replays them as elements.
///
/// Thread-safety: the consuming task's thread only.
public final class ChannelStateRecorder {
    private(set) var bytes: [UInt8] = []
    /// Where in `bytes` the current buffer's copy begins, and at which offset of that buffer.
    private var currentStart = 0
    private var currentOffset = 0

    /// Copies `segment[from..<to]`, the part of a new current buffer still to be read.
    func beginBuffer(_ segment: MemorySegment, from offset: Int, to length: Int) {
        currentStart = bytes.count
        currentOffset = offset
        bytes += segment.getBytes(at: offset, count: length - offset)
    }

    /// Appends bytes that are not the current buffer (buffers an unaligned barrier overtook).
    func append(_ more: [UInt8]) { bytes += more }

    /// Drops everything from `offset` of the current buffer on: the channel's barrier starts there.
    func cut(atBufferOffset offset: Int) {
        precondition(offset >= currentOffset, "a barrier before the recorded part of its buffer")
        bytes.removeLast(bytes.count - (currentStart + offset - currentOffset))
    }
}
