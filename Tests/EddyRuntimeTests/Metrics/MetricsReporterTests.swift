import Foundation
import Synchronization
import Testing
@testable import EddyRuntime

@Suite struct MetricsReporterTests {
    /// Threads of this process named `name`, from /proc/self/task/*/comm. Counting by name, not all
    /// threads, keeps the count exact while other tests start threads in parallel.
    static func threads(named name: String) -> Int {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.filter { tid in
            let comm = try? String(contentsOfFile: "/proc/self/task/\(tid)/comm", encoding: .utf8)
            return comm?.trimmingCharacters(in: .whitespacesAndNewlines) == name
        }.count
    }

    /// Polls `condition` for up to a second. After `pthread_join` returns, the kernel still lists
    /// the thread in /proc for a few microseconds (it is released after it clears its tid), so
    /// "gone" is checked this way too.
    static func eventually(_ condition: () -> Bool) -> Bool {
        for _ in 0..<200 {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return condition()
    }

    @Test func reportsSnapshotsAndStopLeavesNoThread() throws {
        try #require(FileManager.default.fileExists(atPath: "/proc/self/task"))
        let name = "eddy-rep-test1"
        let registry = MetricRegistry()
        let counter = SingleWriterCounter()
        registry.register(counter, as: "job/1/count")
        registry.register(RateMeter(counter: counter, span: .seconds(1)), as: "job/1/rate")
        let received = Mutex<[[MetricSample]]>([])
        let before = Self.threads(named: name)
        #expect(before == 0)
        let allBefore = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? 0
        let reporter = MetricsReporter(registry: registry, interval: .milliseconds(5), threadName: name) { samples in
            counter.increment(by: 10)  // stands in for the task; the reporter is its only writer here
            received.withLock { $0.append(samples) }
        }
        reporter.start()
        #expect(Self.eventually { Self.threads(named: name) == 1 })
        #expect(Self.eventually { reporter.reportCount >= 4 })
        reporter.stop()
        let reports = reporter.reportCount
        #expect(Self.eventually { Self.threads(named: name) == 0 })
        let allAfter = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? 0
        // Other suites start threads in parallel: the whole count is only informative.
        print("threads in process before: \(allBefore), after stop: \(allAfter)")
        Thread.sleep(forTimeInterval: 0.02)
        #expect(reporter.reportCount == reports, "no report after stop")
        let snapshots = received.withLock { $0 }
        #expect(snapshots.count == reports)
        #expect(snapshots.last?.contains { $0.name == "job/1/rate" } == true)
        #expect(snapshots.last?.first { $0.name == "job/1/count" }?.value.integerValue ?? 0 > 0)
        reporter.stop()  // idempotent
    }

    @Test func manyReportersStartAndStopWithoutLeakingThreads() {
        let name = "eddy-rep-test2"
        let registry = MetricRegistry()
        registry.registerGauge("g", unit: .count) { 1 }
        for _ in 0..<20 {
            let reporter = MetricsReporter(registry: registry, interval: .seconds(60), threadName: name) { _ in }
            reporter.start()
            reporter.stop()
        }
        #expect(Self.eventually { Self.threads(named: name) == 0 })
    }

    @Test func droppingARunningReporterStopsIt() {
        let name = "eddy-rep-test3"
        var reporter: MetricsReporter? = MetricsReporter(
            registry: MetricRegistry(), interval: .milliseconds(1), threadName: name) { _ in }
        reporter?.start()
        #expect(Self.eventually { Self.threads(named: name) == 1 })
        reporter = nil
        #expect(Self.eventually { Self.threads(named: name) == 0 })
    }

    @Test func reporterStampsSamplesWithItsClock() {
        let registry = MetricRegistry()
        let accounting = TaskTimeAccounting(state: .busy, now: 0)
        registry.register(accounting, scope: "job/1/task/t/0")
        let ticks = Atomic<UInt64>(0)
        let last = Mutex<[MetricSample]>([])
        let reporter = MetricsReporter(
            registry: registry, interval: .milliseconds(1), threadName: "eddy-rep-test4",
            clock: { ticks.add(1_000_000_000, ordering: .relaxed).newValue }
        ) { samples in last.withLock { $0 = samples } }
        reporter.start()
        #expect(Self.eventually { reporter.reportCount >= 3 })
        reporter.stop()
        let busy = last.withLock { $0.first { $0.name == "job/1/task/t/0/busyTimeMsPerSecond" }?.value }
        // Floating point: the share is computed from sums of nanoseconds, so allow rounding.
        #expect(abs((busy?.doubleValue ?? 0) - 1000) < 1e-6)
    }
}
