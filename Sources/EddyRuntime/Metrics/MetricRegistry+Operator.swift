extension MetricRegistry {
    /// Registers an operator subtask's counters under `scope` (usually
    /// ``MetricNames/operator(_:in:)``), with Flink's names: `numRecordsIn`, `numRecordsOut`,
    /// `numRecordsInPerSecond`, `numRecordsOutPerSecond`, `numDeadLetters`,
    /// `numLateRecordsDropped`, `currentInputWatermark`.
    /// - Parameter rateSpan: the span the per-second rates are averaged over.
    public func register(_ metrics: OperatorMetrics, scope: String, rateSpan: Duration = .seconds(60)) {
        register(metrics.recordsIn, as: MetricNames.join(scope, "numRecordsIn"))
        register(metrics.recordsOut, as: MetricNames.join(scope, "numRecordsOut"))
        register(metrics.deadLetters, as: MetricNames.join(scope, "numDeadLetters"))
        register(metrics.lateRecordsDropped, as: MetricNames.join(scope, "numLateRecordsDropped"))
        register(metrics.currentWatermark, as: MetricNames.join(scope, "currentInputWatermark"), unit: .milliseconds)
        register(RateMeter(counter: metrics.recordsIn, span: rateSpan), as: MetricNames.join(scope, "numRecordsInPerSecond"))
        register(RateMeter(counter: metrics.recordsOut, span: rateSpan), as: MetricNames.join(scope, "numRecordsOutPerSecond"))
    }
}
