import EddyCore
import EddyRuntime
import EddyState
import EddyStateHeap
import EddyWindowing
import Testing

/// The session operator built directly: its state is the keyed backend's plus its check timers, so
/// a snapshot in the middle of a stream and a restore give the rest of the results unchanged.
@Suite struct SessionWindowOperatorTests {
    final class Fixture {
        let backend: HeapKeyedStateBackend<IntegerSerializer<Int64>>
        let windows: SessionWindowOperator<Int64, SessionWindows<Reading>, AggregateSliceAggregation<CountAndSum>>
        var emitted: [String] = []

        init(storage: InMemoryCheckpointStorage, lateness: Int64, keyed: [KeyedStateHandle] = [], timers: [UInt8]? = nil) throws {
            backend = try HeapKeyedStateBackend(
                parameters: KeyedBackendParameters(
                    operatorID: "sessions", keySerializer: IntegerSerializer<Int64>(), keyGroupRange: KeyGroupRange(start: 0, end: 127),
                    storage: storage, workingDirectory: "/tmp/unused"),
                mode: .full, restoring: keyed)
            var sink: (String) -> Void = { _ in }
            windows = SessionWindowOperator(
                backend: backend, assigner: SessionWindows.eventTime(gapMillis: 10), aggregation: AggregateSliceAggregation(CountAndSum()),
                state: try SessionsState(backend: backend, accumulatorSerializer: [Int64].streamSerializer),
                output: Output(record: { sink("\($0)@\($1!)") }), metrics: OperatorMetrics(operatorID: "sessions", subtaskIndex: 0),
                settings: WindowOperatorSettings(name: "sessions", allowedLateness: lateness))
            sink = { [unowned self] in emitted.append($0) }
            if let timers { try windows.timers.restore(from: timers) }
        }

        /// Keys 0..<7 with pauses longer than the gap, some elements 8 ms late.
        func feed(_ range: Range<Int64>) throws {
            for time in range {
                let key = time % 7
                guard (time / 7) % 4 != 3 else { continue }
                let late: Int64 = time % 11 == 0 ? 8 : 0
                try windows.processElement(Reading(key: key, value: time), timestamp: time - late, key: key)
                if time % 5 == 0 { try windows.processWatermark(Watermark(time - 3)) }
            }
        }
    }

    @Test(arguments: [Int64(0), 6])
    func restoredSessionsGoOnWhereTheyWere(_ lateness: Int64) throws {
        let storage = InMemoryCheckpointStorage()
        let whole = try Fixture(storage: storage, lateness: lateness)
        try whole.feed(0..<400)
        try whole.windows.processWatermark(.endOfTime)

        let first = try Fixture(storage: storage, lateness: lateness)
        try first.feed(0..<200)
        let (timers, keyed) = try checkpoint(timers: first.windows.timers, first.backend, storage: storage, id: 1)
        let second = try Fixture(storage: storage, lateness: lateness, keyed: [keyed], timers: timers)
        try second.feed(200..<400)
        try second.windows.processWatermark(.endOfTime)
        #expect(!first.emitted.isEmpty)
        #expect((first.emitted + second.emitted).sorted() == whole.emitted.sorted())
    }

    @Test func aKeyWithManySessionsKeepsThemApartAndInOrder() throws {
        let fixture = try Fixture(storage: InMemoryCheckpointStorage(), lateness: 0)
        // Out of order: sessions start at 100, 0 and 50; 58 joins 50, 95 joins 100, 30 stays alone.
        for time: Int64 in [100, 0, 50, 58, 95, 30] { try fixture.windows.processElement(Reading(key: 1, value: time), timestamp: time, key: 1) }
        try fixture.windows.processWatermark(.endOfTime)
        #expect(fixture.emitted == ["[1, 0]@9", "[1, 30]@39", "[2, 108]@67", "[2, 195]@109"])
    }

    /// The check picks the session due first, which need not be the first by start: a fired session
    /// waits for its lateness, a later one for its end.
    @Test func theNextCheckIsTheSessionDueFirst() throws {
        let fixture = try Fixture(storage: InMemoryCheckpointStorage(), lateness: 20)
        for time: Int64 in [0, 15] { try fixture.windows.processElement(Reading(key: 1, value: time), timestamp: time, key: 1) }
        try fixture.windows.processWatermark(Watermark(9))
        #expect(fixture.emitted == ["[1, 0]@9"])
        // Fired [0, 10) is due at 9 + 20; [15, 25) at its end, 24.
        #expect(fixture.windows.timers.nextEventTimerTime == 24)
        try fixture.windows.processWatermark(Watermark(24))
        #expect(fixture.emitted == ["[1, 0]@9", "[1, 15]@24"])
        #expect(fixture.windows.timers.nextEventTimerTime == 29)
    }
}
