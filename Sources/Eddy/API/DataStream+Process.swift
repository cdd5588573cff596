import EddyCore
import EddyRuntime
import EddyState

extension DataStream {
    /// Runs a ``ProcessFunction``; `makeFunction` builds one instance per subtask.
    public func process<F: ProcessFunction>(
        _ name: String = "process", _ makeFunction: @escaping () -> F
    ) -> DataStream<F.Out> where F.Input == Element, F.Out: StreamSerializable {
        addOperator(name) { context, output in
            let function = makeFunction()
            let processContext = ProcessContext(output: output, metrics: context.metrics, subtaskIndex: context.subtaskIndex)
            let metrics = context.metrics
            let operatorName = context.operatorName
            return (Output<Element>(
                record: { value, timestamp in
                    metrics.recordsIn.increment()
                    processContext.timestamp = timestamp
                    try callingUserFunction(operatorName, value, timestamp) { try function.processElement(value, context: processContext) }
                },
                watermark: { watermark in
                    processContext.currentWatermark = watermark.timestamp
                    metrics.currentWatermark.set(watermark.timestamp)
                    try output.watermark(watermark)
                },
                streamStatus: output.streamStatus, latencyMarker: output.latencyMarker, sideOutput: output.sideOutput), [])
        }
    }

    /// Ingestion time: each record gets the processing time at which it enters here as its event
    /// timestamp, and the watermark follows (Flink's `IngestionTime`).
    public func assignIngestionTimestamps(name: String = "ingestion-time") -> DataStream<Element> {
        let clock = environment.clock
        return assignTimestampsAndWatermarks(
            WatermarkStrategy<Element>.monotonousTimestamps().withTimestampAssigner { _, _ in clock.currentTimeMillis() }, name: name)
    }
}
