import EddyCore
import EddyRuntime
import EddyState
import EddyWindowing
import Testing

/// The session operator built directly: its table (checkpointed incrementally), the keyed backend
/// (keys with more sessions, or without room) and the backend keys' timers. A snapshot in the
/// middle of a stream and a restore — also into other key-group ranges, also with the table full —
/// give the rest of the results unchanged.
@Suite struct SessionWindowOperatorTests {
    /// Keys 0..<keys with pauses longer than the gap, some elements 8 ms late.
    /// A restored operator hears the last watermark again before elements (as after a restart).
    static func feed(_ fixture: SessionFixture, _ range: Range<Int64>, keys: Int64 = 7) throws {
        if range.lowerBound > 0 { try fixture.watermark(range.lowerBound - 1 - (range.lowerBound - 1) % 5 - 3) }
        for time in range {
            let key = (time * 11) % keys
            guard (time / keys) % 4 != 3 else { continue }
            let late: Int64 = time % 11 == 0 ? 8 : 0
            if fixture.owns(key) { try fixture.element(Reading(key: key, value: time), at: time - late) }
            if time % 5 == 0 { try fixture.watermark(time - 3) }
        }
    }

    static func finish(_ fixture: SessionFixture) throws -> [String] {
        try fixture.windows.processWatermark(.endOfTime)
        return fixture.emitted
    }

    @Test(arguments: [(Int64(0), 256), (6, 256), (0, 1), (6, 1)])
    func restoredSessionsGoOnWhereTheyWere(_ lateness: Int64, _ segments: Int) throws {
        let keys: Int64 = segments == 1 ? 150 : 7
        let whole = try SessionFixture(lateness: lateness, segments: segments)
        try Self.feed(whole, 0..<1200, keys: keys)
        let expected = try Self.finish(whole)

        let first = try SessionFixture(lateness: lateness, segments: segments)
        try Self.feed(first, 0..<600, keys: keys)
        let snapshot = try first.checkpoint(1)
        let second = try SessionFixture(storage: first.storage, lateness: lateness, segments: segments, restoring: [snapshot])
        try Self.feed(second, 600..<1200, keys: keys)
        #expect(!first.emitted.isEmpty)
        #expect((first.emitted + (try Self.finish(second))).sorted() == expected.sorted())
        #expect(second.late == whole.late)
    }

    /// One subtask's state restored into two (each keeping its key groups' keys), and those two
    /// restored into one again.
    @Test(arguments: [Int64(0), 6])
    func rescaledSessionsGoOnWhereTheyWere(_ lateness: Int64) throws {
        let whole = try SessionFixture(lateness: lateness)
        try Self.feed(whole, 0..<1500, keys: 40)
        let expected = try Self.finish(whole)

        let one = try SessionFixture(lateness: lateness)
        try Self.feed(one, 0..<500, keys: 40)
        let snapshot = try one.checkpoint(1)
        let halves = try [KeyGroupRange(start: 0, end: 63), KeyGroupRange(start: 64, end: 127)].enumerated().map { index, range in
            try SessionFixture(storage: one.storage, lateness: lateness, range: range, subtask: index, restoring: [snapshot])
        }
        for half in halves { try Self.feed(half, 500..<1000, keys: 40) }
        let snapshots = try halves.map { try $0.checkpoint(2) }
        let again = try SessionFixture(storage: one.storage, lateness: lateness, restoring: snapshots)
        try Self.feed(again, 1000..<1500, keys: 40)
        let emitted = one.emitted + halves.flatMap(\.emitted) + (try Self.finish(again))
        #expect(emitted.sorted() == expected.sorted())
    }

    /// A checkpoint of an operator without a table (the previous operator's state: backend and
    /// timers only) restores into one with a table: the restored keys stay in the backend.
    @Test func aCheckpointWithoutTableStateRestoresIntoATable() throws {
        let whole = try SessionFixture(lateness: 6)
        try Self.feed(whole, 0..<1200, keys: 40)
        let expected = try Self.finish(whole)

        let first = try SessionFixture(lateness: 6, table: false)
        try Self.feed(first, 0..<600, keys: 40)
        let snapshot = try first.checkpoint(1)
        #expect(snapshot.raw.isEmpty)
        let second = try SessionFixture(storage: first.storage, lateness: 6, restoring: [snapshot])
        #expect(second.windows.keysOutsideTable)
        try Self.feed(second, 600..<1200, keys: 40)
        #expect((first.emitted + (try Self.finish(second))).sorted() == expected.sorted())
    }

    /// A table without room sends further keys to the backend: same results, nothing fails.
    @Test func keysBeyondTheBudgetGoToTheBackend() throws {
        let roomy = try SessionFixture(gap: 500, segments: 256)
        let full = try SessionFixture(gap: 500, segments: 1)
        for fixture in [roomy, full] { try Self.feed(fixture, 0..<2000, keys: 300) }
        #expect(full.windows.keysOutsideTable)
        #expect(!roomy.windows.keysOutsideTable)
        #expect(try Self.finish(full).sorted() == (try Self.finish(roomy)).sorted())
    }

    @Test func aKeyWithManySessionsKeepsThemApartAndInOrder() throws {
        let fixture = try SessionFixture()
        // Out of order: sessions start at 100, 0 and 50; 58 joins 50, 95 joins 100, 30 stays alone.
        for time: Int64 in [100, 0, 50, 58, 95, 30] { try fixture.element(Reading(key: 1, value: time), at: time) }
        try fixture.windows.processWatermark(.endOfTime)
        #expect(fixture.emitted == ["[1, 0]@9", "[1, 30]@39", "[2, 108]@67", "[2, 195]@109"])
    }

    /// The check picks the session due first, which need not be the first by start: a fired session
    /// waits for its lateness, a later one for its end.
    @Test func theNextCheckIsTheSessionDueFirst() throws {
        let fixture = try SessionFixture(lateness: 20)
        for time: Int64 in [0, 15] { try fixture.element(Reading(key: 1, value: time), at: time) }
        try fixture.watermark(9)
        #expect(fixture.emitted == ["[1, 0]@9"])
        // Fired [0, 10) is due at 9 + 20; [15, 25) at its end, 24.
        #expect(fixture.windows.nextCheckTime == 24)
        try fixture.watermark(24)
        #expect(fixture.emitted == ["[1, 0]@9", "[1, 15]@24"])
        #expect(fixture.windows.nextCheckTime == 29)
    }

    /// A key back to one session returns to the table, and a second checkpoint writes only the
    /// pages that changed.
    @Test func aKeyBackToOneSessionReturnsToTheTable() throws {
        let fixture = try SessionFixture()
        for time: Int64 in [0, 15] { try fixture.element(Reading(key: 1, value: time), at: time) }
        #expect(fixture.windows.timers.numberOfEventTimeTimers == 1)
        try fixture.watermark(9)
        #expect(fixture.emitted == ["[1, 0]@9"])
        try fixture.element(Reading(key: 1, value: 20), at: 20)
        try fixture.watermark(30)
        #expect(fixture.emitted == ["[1, 0]@9", "[2, 35]@29"])
        #expect(fixture.windows.timers.numberOfEventTimeTimers == 0)
    }
}
