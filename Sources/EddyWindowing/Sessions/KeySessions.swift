import EddyCore

/// One session of a key in flight: its window, whether the watermark fired it already, and its
/// accumulator.
@usableFromInline
struct SessionEntry<Accumulator> {
    @usableFromInline var window: TimeWindow
    @usableFromInline var fired: Bool
    @usableFromInline var accumulator: Accumulator

    @inlinable
    init(window: TimeWindow, fired: Bool, accumulator: Accumulator) {
        self.window = window
        self.fired = fired
        self.accumulator = accumulator
    }
}

/// A key's sessions in flight, sorted by start and disjoint, plus the earliest check timer it has
/// registered. The first session is kept inline, so a key with one session (the usual case) is read,
/// changed and written back without allocating.
@usableFromInline
struct KeySessions<Accumulator> {
    @usableFromInline var first: SessionEntry<Accumulator>?
    @usableFromInline var rest: [SessionEntry<Accumulator>] = []
    /// The earliest event-time timer registered for the key's sessions.
    @usableFromInline var checkTimer: Int64?

    @inlinable init() {}

    @inlinable var count: Int { first == nil ? 0 : 1 + rest.count }

    @inlinable
    subscript(index: Int) -> SessionEntry<Accumulator> {
        get { index == 0 ? first! : rest[index - 1] }
        set {
            if index == 0 { first = newValue } else { rest[index - 1] = newValue }
        }
    }

    @inlinable
    mutating func remove(at index: Int) {
        if index > 0 { rest.remove(at: index - 1) } else if rest.isEmpty { first = nil } else { first = rest.removeFirst() }
    }

    /// Inserts keeping the order by start.
    @inlinable
    mutating func insert(_ entry: SessionEntry<Accumulator>) {
        var index = 0
        while index < count && self[index].window.start < entry.window.start { index += 1 }
        if first == nil {
            first = entry
        } else if index == 0 {
            rest.insert(first!, at: 0)
            first = entry
        } else {
            rest.insert(entry, at: index - 1)
        }
    }
}

/// Writes a key's sessions: a varint count, each session (i64 start, i64 end, u8 fired,
/// accumulator), then the check timer (u8 flag, i64).
@usableFromInline
struct KeySessionsSerializer<AS: Serializer>: Serializer {
    @usableFromInline let accumulatorSerializer: AS

    @inlinable init(_ accumulatorSerializer: AS) { self.accumulatorSerializer = accumulatorSerializer }

    @inlinable var fixedSize: Int? { nil }

    @inlinable
    func serialize<W: BinaryWriter>(_ value: KeySessions<AS.Value>, to writer: inout W) {
        writer.writeVarInt(UInt64(value.count))
        for index in 0..<value.count {
            let entry = value[index]
            writer.writeInteger(entry.window.start)
            writer.writeInteger(entry.window.end)
            writer.writeByte(entry.fired ? 1 : 0)
            accumulatorSerializer.serialize(entry.accumulator, to: &writer)
        }
        writer.writeByte(value.checkTimer == nil ? 0 : 1)
        if let timer = value.checkTimer { writer.writeInteger(timer) }
    }

    @inlinable
    func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> KeySessions<AS.Value> {
        var sessions = KeySessions<AS.Value>()
        let count = try reader.readLength(minimumElementSize: 17, what: "session count")
        for _ in 0..<count {
            let window = try TimeWindowSerializer().deserialize(from: &reader)
            let fired = try reader.readByte()
            guard fired <= 1 else { throw SerializationError(.malformed, "session fired flag \(fired)") }
            sessions.insert(SessionEntry(window: window, fired: fired == 1, accumulator: try accumulatorSerializer.deserialize(from: &reader)))
        }
        let hasTimer = try reader.readByte()
        guard hasTimer <= 1 else { throw SerializationError(.malformed, "check timer flag \(hasTimer)") }
        sessions.checkTimer = hasTimer == 1 ? try reader.readInteger(Int64.self) : nil
        return sessions
    }
}
