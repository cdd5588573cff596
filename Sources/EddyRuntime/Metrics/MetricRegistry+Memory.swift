import EddyMemory

extension MetricRegistry {
    /// Registers a memory manager's buffer-pool gauges under `scope`: `usedSegments`,
    /// `totalSegments`, `freeSegments`, `peakUsedSegments`, `usedBytes`, `leakedSegments`, from
    /// ``MemoryManager/statistics`` (one lock acquisition per gauge per snapshot).
    public func register(_ manager: MemoryManager, scope: String) {
        let gauges: [(String, MetricUnit, @Sendable (MemoryStatistics) -> Int)] = [
            ("usedSegments", .segments, { $0.usedSegments }),
            ("totalSegments", .segments, { $0.totalSegments }),
            ("freeSegments", .segments, { $0.freeSegments }),
            ("peakUsedSegments", .segments, { $0.peakUsedSegments }),
            ("leakedSegments", .segments, { $0.leakedSegments }),
            ("usedBytes", .bytes, { $0.usedBytes }),
        ]
        for (name, unit, value) in gauges {
            registerGauge(MetricNames.join(scope, name), unit: unit) { [manager] in Int64(value(manager.statistics)) }
        }
    }
}
