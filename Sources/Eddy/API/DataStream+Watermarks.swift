import EddyRuntime

extension DataStream {
    /// Assigns event timestamps and generates watermarks (Flink's `assignTimestampsAndWatermarks`).
    /// Periodic generators are called every `strategy.periodicEmitIntervalMillis` of processing time.
    public func assignTimestampsAndWatermarks(_ strategy: WatermarkStrategy<Element>, name: String = "watermarks") -> DataStream<Element> {
        addOperator(name) { context, output in
            let assigner = WatermarkAssignerOperator(strategy: strategy, downstream: output, name: name)
            let interval = strategy.periodicEmitIntervalMillis
            if interval > 0 {
                let clock = context.clock
                let intervalNanoseconds = UInt64(interval) * 1_000_000
                context.addPeriodic(PeriodicAction(name: "\(name)/periodic-emit") { now in
                    try assigner.onPeriodicEmit(nowMillis: clock.currentTimeMillis())
                    return now &+ intervalNanoseconds
                })
            }
            return (assigner.input, [assigner])
        }
    }
}
