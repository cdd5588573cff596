import EddyCore
import EddyRuntime
import EddyState
import EddyStateHeap
import EddyWindowing
import Testing

/// The general operator's state is the keyed backend's plus its timers: snapshot both in the
/// middle of a session stream, restore into a new operator, and the rest of the results are as if
/// nothing happened.
@Suite struct WindowOperatorSnapshotTests {
    typealias Backend = HeapKeyedStateBackend<IntegerSerializer<Int64>>

    final class Sessions {
        let backend: Backend
        let windows: WindowOperator<Int64, SessionWindows<Reading>, DefaultTimeTrigger<Reading, TimeWindow>,
            AggregatingWindowContents<CountAndSum, TimeWindow>, PassThroughResult<[Int64], Int64, TimeWindow>>
        var emitted: [String] = []

        init(storage: InMemoryCheckpointStorage, keyed: [KeyedStateHandle] = [], timers: [UInt8]? = nil) throws {
            backend = try Backend(
                parameters: KeyedBackendParameters(
                    operatorID: "sessions", keySerializer: IntegerSerializer<Int64>(), keyGroupRange: KeyGroupRange(start: 0, end: 127),
                    storage: storage, workingDirectory: "/tmp/unused"),
                mode: .full, restoring: keyed)
            let assigner = SessionWindows<Reading>.eventTime(gapMillis: 10)
            var sink: (String) -> Void = { _ in }
            windows = try WindowOperator(
                backend: backend, assigner: assigner, trigger: assigner.defaultTrigger,
                contents: try AggregatingContentsFactory<CountAndSum, ArraySerializer<IntegerSerializer<Int64>>, TimeWindow>(
                    function: CountAndSum(), accumulatorSerializer: [Int64].streamSerializer
                ).make(backend: backend, windowSerializer: assigner.windowSerializer),
                mergingWindows: try MergingWindowsState(backend: backend, windowSerializer: assigner.windowSerializer),
                function: PassThroughResult(), output: Output(record: { sink("\($0)@\($1!)") }), clock: SystemStateClock(),
                metrics: OperatorMetrics(operatorID: "sessions", subtaskIndex: 0), settings: WindowOperatorSettings(name: "sessions"))
            sink = { [unowned self] in emitted.append($0) }
            if let timers { try windows.timers.restore(from: timers) }
        }

        func feed(_ range: Range<Int64>) throws {
            for time in range {
                let key = time % 7
                if (time / 7) % 4 != 3 { try windows.processElement(Reading(key: key, value: time), timestamp: time, key: key) }
                if time % 5 == 0 { try windows.processWatermark(Watermark(time - 3)) }
            }
        }
    }

    @Test func restoredSessionsGoOnWhereTheyWere() throws {
        let storage = InMemoryCheckpointStorage()
        let whole = try Sessions(storage: storage)
        try whole.feed(0..<400)
        try whole.windows.processWatermark(.endOfTime)

        let first = try Sessions(storage: storage)
        try first.feed(0..<200)
        let (timers, keyed) = try checkpoint(timers: first.windows.timers, first.backend, storage: storage, id: 1)
        let second = try Sessions(storage: storage, keyed: [keyed], timers: timers)
        #expect(second.windows.timers.numberOfEventTimeTimers == first.windows.timers.numberOfEventTimeTimers)
        try second.feed(200..<400)
        try second.windows.processWatermark(.endOfTime)
        #expect(!first.emitted.isEmpty)
        #expect(first.emitted + second.emitted == whole.emitted)
    }
}
