import EddyMemory
import Testing
@testable import EddyRuntime

@Suite struct MetricRegistryTests {
    static let second: UInt64 = 1_000_000_000

    func value(_ samples: [MetricSample], _ name: String) -> MetricValue? {
        samples.first { $0.name == name }?.value
    }

    @Test func gaugesAndCountersAppearSortedWithUnits() {
        let registry = MetricRegistry()
        let counter = SingleWriterCounter()
        counter.increment(by: 42)
        registry.register(counter, as: "b/count")
        registry.registerGauge("a/gauge", unit: .segments) { 7 }
        registry.register("c/absent", unit: .count) { _ in nil }
        let snapshot = registry.snapshot(now: 0)
        #expect(snapshot == [
            MetricSample(name: "a/gauge", value: .integer(7), unit: .segments),
            MetricSample(name: "b/count", value: .integer(42), unit: .count),
        ])
        #expect(registry.count == 3)
        counter.increment()
        #expect(value(registry.snapshot(now: 0), "b/count") == .integer(43))
    }

    @Test func registeringAgainReplaces() {
        let registry = MetricRegistry()
        registry.registerGauge("g", unit: .count) { 1 }
        registry.registerGauge("g", unit: .count) { 2 }
        #expect(registry.snapshot(now: 0) == [MetricSample(name: "g", value: .integer(2), unit: .count)])
    }

    @Test func unregisterRemovesAScopeOnly() {
        let registry = MetricRegistry()
        for name in ["job/1", "job/1/a", "job/1/task/x/0/b", "job/10/a", "job/2/a"] {
            registry.registerGauge(name, unit: .count) { 0 }
        }
        #expect(registry.unregister(prefix: "job/1") == 3)
        #expect(registry.names == ["job/10/a", "job/2/a"])
        #expect(registry.unregister(prefix: "job/3") == 0)
    }

    @Test func namesAreScopedAndSanitized() {
        let task = MetricNames.task(jobID: "j/1", taskName: "Map -> Filter", subtask: 3)
        #expect(task == "job/j_1/task/Map -> Filter/3")
        #expect(MetricNames.operator("op/2", in: task) == "job/j_1/task/Map -> Filter/3/operator/op_2")
        #expect(MetricNames.component("") == "_")
    }

    @Test func operatorMetricsWithRates() throws {
        let registry = MetricRegistry()
        let metrics = OperatorMetrics(operatorID: "map", subtaskIndex: 0)
        let scope = MetricNames.operator("map", in: MetricNames.task(jobID: "1", taskName: "Map", subtask: 0))
        registry.register(metrics, scope: scope, rateSpan: .seconds(2))
        #expect(registry.viewCount == 2)
        for s in 0...3 {
            registry.updateViews(now: UInt64(s) * Self.second)
            metrics.recordsIn.increment(by: 1_000)
            metrics.recordsOut.increment(by: 500)
        }
        let snapshot = registry.snapshot(now: 3 * Self.second)
        #expect(value(snapshot, "\(scope)/numRecordsIn") == .integer(4_000))
        #expect(value(snapshot, "\(scope)/numRecordsInPerSecond") == .real(1_000))
        #expect(value(snapshot, "\(scope)/numRecordsOutPerSecond") == .real(500))
        #expect(value(snapshot, "\(scope)/currentInputWatermark") == .integer(.min))
        #expect(snapshot.first { $0.name.hasSuffix("currentInputWatermark") }?.unit == .milliseconds)
        #expect(registry.count == 7)
    }

    @Test func taskTimeAddsUpInASnapshot() throws {
        let registry = MetricRegistry()
        let accounting = TaskTimeAccounting(state: .idle, now: 0)
        let scope = MetricNames.task(jobID: "1", taskName: "Source", subtask: 0)
        registry.register(accounting, scope: scope, span: .seconds(5))
        // No value until the reporter has sampled twice.
        #expect(value(registry.snapshot(now: 0), "\(scope)/busyTimeMsPerSecond") == nil)
        for s in 0..<8 {
            let base = UInt64(s) * Self.second
            accounting.enter(.busy, now: base + 100_000_000)
            accounting.enter(.backpressured, now: base + 800_000_000)
            accounting.enter(.idle, now: base + 850_000_000)
            registry.updateViews(now: base + 900_000_000)
        }
        let snapshot = registry.snapshot(now: 7 * Self.second + 900_000_000)
        let shares = ["busy", "backPressured", "idle"].map { value(snapshot, "\(scope)/\($0)TimeMsPerSecond")?.doubleValue ?? .nan }
        #expect(abs(shares[0] - 700) < 1e-6 && abs(shares[1] - 50) < 1e-6 && abs(shares[2] - 250) < 1e-6)
        #expect(abs(shares.reduce(0, +) - 1000) < 1e-6)
        let totals = ["Busy", "BackPressured", "Idle"].compactMap { value(snapshot, "\(scope)/accumulated\($0)TimeNs")?.integerValue }
        #expect(totals == [5_600_000_000, 400_000_000, 1_900_000_000])
        #expect(registry.viewCount == 1)
    }

    @Test func bufferPoolGauges() throws {
        let registry = MetricRegistry()
        let manager = MemoryManager(budgetBytes: 16 * 4096, segmentSize: 4096)
        registry.register(manager, scope: "process/memory")
        let owner = manager.register(owner: "test")
        let segments = try owner.allocate(count: 3)
        let snapshot = registry.snapshot(now: 0)
        #expect(value(snapshot, "process/memory/usedSegments") == .integer(3))
        #expect(value(snapshot, "process/memory/totalSegments") == .integer(16))
        #expect(value(snapshot, "process/memory/freeSegments") == .integer(13))
        #expect(value(snapshot, "process/memory/usedBytes") == .integer(3 * 4096))
        owner.release(segments)
        #expect(value(registry.snapshot(now: 0), "process/memory/usedSegments") == .integer(0))
        #expect(value(registry.snapshot(now: 0), "process/memory/peakUsedSegments") == .integer(3))
        _ = owner.close()
    }

    @Test func channelBackpressureGauge() throws {
        let registry = MetricRegistry()
        let manager = MemoryManager(budgetBytes: 8 * 4096, segmentSize: 4096)
        let owner = manager.register(owner: "channel")
        let channel = try LocalChannel(owner: owner, capacity: 2, consumer: TaskNotifier())
        registry.register(channel, scope: "job/1/task/a/0/output/0")
        #expect(registry.snapshot(now: 0) == [
            MetricSample(name: "job/1/task/a/0/output/0/backPressuredTimeNs", value: .integer(0), unit: .nanoseconds)
        ])
        channel.close()
    }

    /// 100 short jobs, each registering a task's metrics, leave no metric, view or object behind.
    @Test func shortJobsLeaveNothingBehind() {
        let registry = MetricRegistry()
        let manager = MemoryManager(budgetBytes: 8 * 4096, segmentSize: 4096)
        registry.register(manager, scope: "process/memory")
        let processMetrics = registry.count
        weak var lastMetrics: OperatorMetrics?
        weak var lastAccounting: TaskTimeAccounting?
        for job in 0..<100 {
            let jobID = "job-\(job)"
            for subtask in 0..<2 {
                let task = MetricNames.task(jobID: jobID, taskName: "Map", subtask: subtask)
                let metrics = OperatorMetrics(operatorID: "map", subtaskIndex: subtask)
                let accounting = TaskTimeAccounting(state: .idle, now: 0)
                registry.register(metrics, scope: MetricNames.operator("map", in: task))
                registry.register(accounting, scope: task)
                registry.registerGauge(MetricNames.join(task, "inputQueueLength"), unit: .count) { [metrics] in metrics.recordsIn.value }
                lastMetrics = metrics
                lastAccounting = accounting
            }
            registry.updateViews(now: UInt64(job) * Self.second)
            #expect(registry.snapshot(now: UInt64(job) * Self.second).count > processMetrics)
            #expect(registry.unregister(prefix: MetricNames.job(jobID)) == 2 * (7 + 6 + 1))
        }
        #expect(registry.count == processMetrics)
        #expect(registry.viewCount == 0)
        #expect(registry.names.allSatisfy { $0.hasPrefix("process/") })
        #expect(lastMetrics == nil)
        #expect(lastAccounting == nil)
    }
}
