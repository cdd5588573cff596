import Eddy
import EddyRuntime
import EddyState
import EddyWindowing
import Foundation
import Synchronization
import Testing

/// Counts clicks per key and window, keeping the key (a fixed-size accumulator).
struct CountClicksPerKey: AggregateFunction {
    func createAccumulator() -> KeyedValue<Int64, Int64> { KeyedValue(key: 0, value: 0) }
    func add(_ value: Click, to accumulator: KeyedValue<Int64, Int64>) -> KeyedValue<Int64, Int64> {
        KeyedValue(key: value.userID, value: accumulator.value + 1)
    }
    func result(of accumulator: KeyedValue<Int64, Int64>) -> KeyedValue<Int64, Int64> { accumulator }
    func merge(_ a: KeyedValue<Int64, Int64>, _ b: KeyedValue<Int64, Int64>) -> KeyedValue<Int64, Int64> {
        KeyedValue(key: a.value == 0 ? b.key : a.key, value: a.value + b.value)
    }
}

/// A failure in the middle of a checkpointed window job restarts it from its latest checkpoint:
/// the general, slicing and session operators come back with their windows (keyed state, timers,
/// slice tables) and the exactly-once output equals a run without failure.
@Suite struct WindowRestartTests {
    enum Shape: String, CaseIterable {
        case generalSessions, sessionOperator, slicingTumbling, slicingSliding
    }

    func run(_ directory: String, _ shape: Shape, backend: StateBackendKind, failAt: Int?) throws -> JobExecutionResult {
        let environment = StreamExecutionEnvironment()
        environment.stateBackend = backend
        environment.workingDirectory = directory + "/work"
        environment.checkpointDirectory = directory + "/checkpoints"
        environment.jobID = "windows-restarting"
        environment.checkpointPolicy.intervalMillis = 20
        environment.checkpointPolicy.restartStrategy = failAt == nil ? .none : .fixedDelay(attempts: 2, delayMillis: 10)
        let failure = Atomic<Bool>(failAt != nil)
        let keyed = environment.fromClickGenerator(ClickGeneratorOptions(events: 60_000, users: 300, items: 10, eventsPerSecond: 1000, seed: 4))
            .assignTimestampsAndWatermarks(WatermarkStrategy.boundedOutOfOrderness(millis: 2000).withTimestampAssigner { click, _ in click.timestampMillis })
            .map("maybe-fail") { click -> Click in
                if let failAt, click.timestampMillis >= ClickGeneratorOptions.defaultStartMillis + Int64(failAt),
                    failure.exchange(false, ordering: .relaxed)
                {
                    throw RestartTestFailure()
                }
                return click
            }
            .keyBy { $0.userID }
        let counts: DataStream<KeyedValue<Int64, Int64>> = switch shape {
        case .generalSessions: keyed.window(SessionWindows.eventTime(gapMillis: 500)).withGeneralOperator().aggregate(CountClicksPerKey())
        case .sessionOperator: keyed.window(SessionWindows.eventTime(gapMillis: 500)).aggregate(CountClicksPerKey())
        case .slicingTumbling: keyed.window(TumblingWindows.eventTime(sizeMillis: 5_000)).aggregate(CountClicksPerKey())
        case .slicingSliding: keyed.window(SlidingWindows.eventTime(sizeMillis: 20_000, slideMillis: 1_000)).aggregate(CountClicksPerKey())
        }
        counts.writeCSVParts(directory + "/out") { "\($0.key),\($0.value)" }
        return try environment.execute("windows-restarting")
    }

    struct RestartTestFailure: Error {}

    /// The rows of the committed part files (the restart tests' reader).
    func rows(_ directory: String) throws -> [String] { try RestartFromCheckpointTests().rows(directory) }

    @Test(arguments: Shape.allCases)
    func aFailedWindowJobRestartsFromItsLatestCheckpoint(_ shape: Shape) throws {
        let directory = temporaryDirectory("window-restart-\(shape)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try run(directory + "/clean", shape, backend: .heap, failAt: nil)
        let failing = try run(directory + "/failing", shape, backend: .heap, failAt: 40_000)
        #expect(failing.restarts == 1)
        #expect(failing.restoredCheckpointID != nil, "restarted from a checkpoint, not from the start")
        let expected = try rows(directory + "/clean/out")
        #expect(expected.count > 300)
        #expect(try rows(directory + "/failing/out") == expected)
    }
}
