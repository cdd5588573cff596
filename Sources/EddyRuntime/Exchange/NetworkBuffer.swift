import EddyMemory

/// A filled buffer in flight between two tasks: a segment and the number of bytes of it that hold
/// serialized stream elements.
public struct NetworkBuffer: Sendable {
    public let segment: MemorySegment
    public let length: Int

    public init(segment: MemorySegment, length: Int) {
        self.segment = segment
        self.length = length
    }
}
