/// The first byte of every stream element on an exchange. The payload that follows:
/// - `record`: the value's serialized bytes; `timestampedRecord`: Int64 timestamp, then the value.
/// - `watermark`: Int64 milliseconds.
/// - `barrier`: Int64 checkpoint id, Int64 timestamp, UInt8 kind (bit 7: unaligned); written at the
///   start of a buffer of its own, so a consumer recording channel state can cut at it. An unaligned
///   barrier overtakes queued buffers instead (``LocalChannel/sendPriority(_:)``).
/// - `latencyMarker`: Int64 marked time, UInt32 source operator, UInt32 subtask.
/// - `streamStatus`: UInt8 (0 active, 1 idle).
/// The end of a channel is not an element: the producer finishes the channel.
public enum ElementTag: UInt8, Sendable {
    case record = 0
    case timestampedRecord = 1
    case watermark = 2
    case barrier = 3
    case latencyMarker = 4
    case streamStatus = 5
}
