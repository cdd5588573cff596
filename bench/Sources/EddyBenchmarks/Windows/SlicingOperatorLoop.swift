import CEddyAllocationCounter
import Eddy
import EddyCore
import EddyMemory
import EddyRuntime
import EddyState
import EddyWindowing
import Foundation

/// Drives the slicing window operator on this thread, without a job: its own cost per element
/// and its allocations (a watermark 2 s behind every 1000 clicks).
struct SlicingOperatorLoop: KeyedBackendConsumer {
    typealias Key = Int64
    let options: ClickGeneratorOptions
    let layout: SliceLayout
    let memory: MemoryManager
    let key: @Sendable (Click) -> Int64

    func use<Backend: KeyedStateBackend>(
        _ backend: Backend
    ) throws -> (seconds: Double, allocationsPerEvent: Double, checksum: Int64) where Backend.Key == Int64 {
        var checksum: Int64 = 0
        let owner = memory.register(owner: "bench/window-slices")
        defer { owner.close() }
        let serializer = KeyedValueSerializer<Int64, Int64>()
        let windows = try SlicingWindowOperator<Int64, AggregateSliceAggregation<CountClicks>, BinarySlicePartials<SegmentSliceTable, KeyedValueSerializer<Int64, Int64>>>(
            backend: backend, layout: layout, aggregation: AggregateSliceAggregation(CountClicks(key: key)),
            accumulatorSerializer: serializer,
            makePartials: { BinarySlicePartials(table: SegmentSliceTable(valueSize: 16, owner: owner), serializer: serializer) },
            output: Output(record: { value, timestamp in checksum &+= windowMix(value.key, timestamp ?? 0, value.value) }),
            metrics: OperatorMetrics(operatorID: "slices", subtaskIndex: 0), settings: WindowOperatorSettings(name: "slices"))
        defer { windows.close() }
        let allocationsBefore = eddy_thread_allocation_count()
        let seconds = try Measurement.once {
            var newest = Int64.min
            var count = 0
            for click in ClickGenerator(options: options) {
                try windows.processElement(click, timestamp: click.timestampMillis, key: key(click))
                newest = max(newest, click.timestampMillis)
                count += 1
                if count % 1000 == 0 { try windows.processWatermark(Watermark(newest - options.maxDelayMillis - 1)) }
            }
            try windows.processWatermark(.endOfTime)
        }
        let allocations = eddy_thread_allocation_count() - allocationsBefore
        return (seconds, Double(allocations) / Double(options.events), checksum)
    }
}
