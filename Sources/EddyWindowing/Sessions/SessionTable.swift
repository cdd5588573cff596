import EddyCore
import EddyMemory

/// The sessions of keys with one session in flight, in a binary ``SegmentHashTable`` (no object
/// per key, memory from the job's budget): per key, its serialized bytes packed into a `UInt64`,
/// the value `[check i64][start i64][end i64][flags u8][accumulator]`.
///
/// - check: the time of the key's pending check in the ``SessionCheckQueue`` (`Int64.max`: none);
///   a check popped at another time is stale.
/// - flags: bit 0 the session fired; bit 1 the key's sessions are in the keyed backend instead
///   (it has more than one), the rest of the value unused.
///
/// Thread-safety: the task thread only.
@usableFromInline
final class SessionTable<AS: Serializer> {
    @usableFromInline static var checkOffset: Int { 0 }
    @usableFromInline static var startOffset: Int { 8 }
    @usableFromInline static var endOffset: Int { 16 }
    @usableFromInline static var flagsOffset: Int { 24 }
    @usableFromInline static var accumulatorOffset: Int { 25 }
    @usableFromInline static var firedFlag: UInt8 { 1 }
    @usableFromInline static var inBackendFlag: UInt8 { 2 }

    @usableFromInline let table: SegmentHashTable
    @usableFromInline let serializer: AS

    /// - Precondition: `serializer` writes values of a fixed size.
    /// - Throws: ``MemoryError`` when `memory` cannot give the first page.
    @usableFromInline
    init(serializer: AS, memory: MemoryOwner) throws(MemoryError) {
        guard let size = serializer.fixedSize else { preconditionFailure("session table accumulators need a fixed size") }
        self.serializer = serializer
        table = try SegmentHashTable(valueWidth: Self.accumulatorOffset + size, memory: memory)
    }

    @inlinable @inline(__always)
    func window(at slot: HashTableSlot) -> TimeWindow {
        TimeWindow(start: table.load(Int64.self, at: slot, offset: Self.startOffset), end: table.load(Int64.self, at: slot, offset: Self.endOffset))
    }

    @inlinable @inline(__always)
    func flags(at slot: HashTableSlot) -> UInt8 { table.load(UInt8.self, at: slot, offset: Self.flagsOffset) }

    @inlinable @inline(__always)
    func check(at slot: HashTableSlot) -> Int64 { table.load(Int64.self, at: slot, offset: Self.checkOffset) }

    @inlinable @inline(__always)
    func setCheck(_ time: Int64, at slot: HashTableSlot) { table.store(time, at: slot, offset: Self.checkOffset) }

    @inlinable @inline(__always)
    func accumulator(at slot: HashTableSlot) throws -> AS.Value {
        var reader = table.valueReader(at: slot, offset: Self.accumulatorOffset)
        return try serializer.deserialize(from: &reader)
    }

    /// Writes the key's one session (the check is left as it is).
    @inlinable @inline(__always)
    func store(_ window: TimeWindow, fired: Bool, _ accumulator: AS.Value, at slot: HashTableSlot) {
        table.store(window.start, at: slot, offset: Self.startOffset)
        table.store(window.end, at: slot, offset: Self.endOffset)
        table.store(fired ? Self.firedFlag : 0, at: slot, offset: Self.flagsOffset)
        var writer = table.valueWriter(at: slot, offset: Self.accumulatorOffset)
        serializer.serialize(accumulator, to: &writer)
    }

    /// Marks the key's sessions as kept in the keyed backend.
    @inlinable
    func markInBackend(at slot: HashTableSlot) {
        table.store(Self.inBackendFlag, at: slot, offset: Self.flagsOffset)
        setCheck(Int64.max, at: slot)
    }

    /// The session at `slot` as the backend path holds sessions.
    @inlinable
    func entry(at slot: HashTableSlot) throws -> SessionEntry<AS.Value> {
        SessionEntry(window: window(at: slot), fired: flags(at: slot) & Self.firedFlag != 0, accumulator: try accumulator(at: slot))
    }
}
