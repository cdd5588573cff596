import CEddyAllocationCounter
import Eddy
import EddyCore
import EddyMemory
import EddyRuntime
import EddyState
import EddyWindowing
import Foundation

/// Drives the session window operator on this thread, without a job: the operator's own cost per
/// element and its allocations (a watermark 2 s behind every 1000 clicks, or every
/// `EDDY_BENCH_WATERMARK_EVERY`).
struct SessionOperatorLoop: KeyedBackendConsumer {
    typealias Key = Int64
    let options: ClickGeneratorOptions
    let gap: Int64
    let memory: MemoryManager
    var watermarkInterval = Int(ProcessInfo.processInfo.environment["EDDY_BENCH_WATERMARK_EVERY"] ?? "") ?? 1000

    func use<Backend: KeyedStateBackend>(
        _ backend: Backend
    ) throws -> (seconds: Double, allocationsPerEvent: Double, checksum: Int64) where Backend.Key == Int64 {
        var checksum: Int64 = 0
        let aggregation = AggregateSliceAggregation(CountClicks { $0.userID })
        let owner = memory.register(owner: "bench/session-table")
        defer { _ = owner.close() }
        let serializer = KeyedValueSerializer<Int64, Int64>()
        let windows = SessionWindowOperator<Int64, SessionWindows<Click>, AggregateSliceAggregation<CountClicks>, KeyedValueSerializer<Int64, Int64>>(
            backend: backend, assigner: SessionWindows.eventTime(gapMillis: gap), aggregation: aggregation,
            state: try SessionsState(backend: backend, accumulatorSerializer: serializer), accumulatorSerializer: serializer, memory: owner,
            output: Output(record: { value, timestamp in checksum &+= windowMix(value.key, timestamp ?? 0, value.value) }),
            metrics: OperatorMetrics(operatorID: "sessions", subtaskIndex: 0), settings: WindowOperatorSettings(name: "sessions"))
        defer { windows.close() }
        let allocationsBefore = eddy_thread_allocation_count()
        let seconds = try Measurement.once {
            var newest = Int64.min
            var count = 0
            for click in ClickGenerator(options: options) {
                try windows.processElement(click, timestamp: click.timestampMillis, key: click.userID)
                newest = max(newest, click.timestampMillis)
                count += 1
                if count % watermarkInterval == 0 { try windows.processWatermark(Watermark(newest - options.maxDelayMillis - 1)) }
            }
            try windows.processWatermark(.endOfTime)
        }
        let allocations = eddy_thread_allocation_count() - allocationsBefore
        return (seconds, Double(allocations) / Double(options.events), checksum)
    }
}
