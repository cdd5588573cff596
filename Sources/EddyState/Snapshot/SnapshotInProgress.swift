/// A snapshot whose synchronous part is done: run its asynchronous part to write it out.
public struct SnapshotInProgress: Sendable {
    public let checkpointID: Int64
    /// Time the synchronous part took, in nanoseconds (a checkpoint metric).
    public let synchronousNanoseconds: UInt64
    private let asynchronousPart: @Sendable () throws -> KeyedStateHandle

    public init(
        checkpointID: Int64, synchronousNanoseconds: UInt64,
        asynchronousPart: @escaping @Sendable () throws -> KeyedStateHandle
    ) {
        self.checkpointID = checkpointID
        self.synchronousNanoseconds = synchronousNanoseconds
        self.asynchronousPart = asynchronousPart
    }

    /// Writes the snapshot out. Call once, on any thread.
    /// - Throws: ``StateError`` when writing fails; nothing is then referenced by a handle.
    public func run() throws -> KeyedStateHandle { try asynchronousPart() }
}
