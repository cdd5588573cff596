import Eddy
import EddyCore
import EddyRuntime
import EddyState
import EddyTesting
import Testing

@Suite struct OneInputHarnessTests {
    @Test(arguments: [StateBackendKind.heap, .rocksdb])
    func drivesAKeyedRollingCount(_ backend: StateBackendKind) throws {
        let harness = try OneInputHarness<Int64, KeyedValue<Int64, Int64>>(backend: backend) { $0.keyBy { $0 % 3 }.count() }
        for value in Int64(0)..<7 { try harness.processElement(value, timestamp: value * 10) }
        let emitted = harness.takeRecords()
        #expect(emitted.map(\.value.key) == [0, 1, 2, 0, 1, 2, 0])
        #expect(emitted.map(\.value.value) == [1, 1, 1, 2, 2, 2, 3])
        #expect(emitted.map(\.timestamp) == (0..<7).map { Int64($0) * 10 })
        #expect(harness.close() == 0)
    }

    @Test func eventTimeTimersFireOnWatermarksAndAtTheEnd() throws {
        final class FireAt: KeyedProcessFunction {
            typealias Key = Int64
            typealias Input = Int64
            typealias Out = Int64
            func processElement(_ value: Int64, context: KeyedProcessContext<Int64, Int64>) throws {
                context.registerEventTimeTimer(value)
            }
            func onTimer(_ timestamp: Int64, domain: TimeDomain, context: KeyedProcessContext<Int64, Int64>) throws {
                try context.collect(timestamp)
            }
        }
        let harness = try OneInputHarness<Int64, Int64> { $0.keyBy { $0 }.process { FireAt() } }
        for t in [Int64(30), 10, 20, 40] { try harness.processElement(t, timestamp: t) }
        try harness.processWatermark(25)
        #expect(harness.takeRecords().map(\.value) == [10, 20])
        #expect(harness.watermarks == [Watermark(25)])
        try harness.endInput()
        #expect(harness.takeRecords().map(\.value) == [30, 40])
        harness.close()
    }

    @Test func processingTimeTimersFireWhenTheHarnessAdvancesTime() throws {
        final class Later: KeyedProcessFunction {
            typealias Key = Int64
            typealias Input = Int64
            typealias Out = Int64
            func processElement(_ value: Int64, context: KeyedProcessContext<Int64, Int64>) throws {
                context.registerProcessingTimeTimer(context.currentProcessingTime + 100)
            }
            func onTimer(_ timestamp: Int64, domain: TimeDomain, context: KeyedProcessContext<Int64, Int64>) throws {
                try context.collect(context.currentKey)
            }
        }
        let clock = ManualStateClock(startMillis: 1_000)
        let harness = try OneInputHarness<Int64, Int64>(clock: clock) { $0.keyBy { $0 }.process { Later() } }
        try harness.processElement(7)
        try harness.advanceProcessingTime(to: 1_099)
        #expect(harness.takeRecords().isEmpty)
        try harness.advanceProcessingTime(to: 1_100)
        #expect(harness.takeRecords().map(\.value) == [7])
        harness.close()
    }

    @Test func chainsOfStatelessOperatorsAndSideOutputs() throws {
        let late = OutputTag<Int64>("odd")
        let harness = try OneInputHarness<Int64, Int64> { stream in
            stream.map { $0 * 2 }.flatMap { value, out in
                if value % 4 == 0 { try out.collect(value) } else { try out.emit(value, to: late) }
            }
        }
        for v in Int64(0)..<4 { try harness.processElement(v) }
        #expect(harness.takeRecords().map(\.value) == [0, 4])
        #expect(harness.sideOutputs["odd"]?.compactMap { $0 as? Int64 } == [2, 6])
    }
}
