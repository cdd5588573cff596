import Eddy
import EddyMemory
import EddyRuntime
import Foundation
import Testing

@Suite struct JobMetricsTests {
    @Test func aRunningJobShowsOperatorCountsTaskTimesAndTheBufferPoolThenRemovesThem() throws {
        let environment = StreamExecutionEnvironment()
        let registry = MetricRegistry()
        environment.metrics = registry
        environment.fromCollection(Array(Int64(0)..<20_000))
            .map("double") { $0 * 2 }.disableChaining()
            .sink("slow") { subtask, _ in CollectingWriter(Collected<Int64>(), subtask: subtask, delayMicros: 50) }
        let job = try environment.executeAsync("metrics")
        var seen: [MetricSample] = []
        while !job.status.isTerminal {
            Thread.sleep(forTimeInterval: 0.05)
            let now = monotonicNanoseconds()
            registry.updateViews(now: now)
            seen = registry.snapshot(now: now)
            // Rates need two samples of the meters: keep sampling until they show.
            if seen.contains(where: { $0.name.hasSuffix("double/numRecordsIn") && ($0.value.integerValue ?? 0) > 0 })
                && seen.contains(where: { $0.name.hasSuffix("backPressuredTimeMsPerSecond") }) { break }
        }
        job.waitForCompletion()
        let names = Set(seen.map(\.name))
        #expect(names.contains { $0.contains("double") && $0.hasSuffix("numRecordsIn") })
        #expect(names.contains { $0.hasSuffix("busyTimeMsPerSecond") })
        #expect(names.contains { $0.hasSuffix("backPressuredTimeMsPerSecond") })
        #expect(names.contains { $0.hasSuffix("buffer-pool/usedSegments") })
        #expect(names.contains { $0.contains("channel/") })
        #expect(registry.count == 0, "a finished job leaves no metrics behind")
    }

    @Test func severalJobsRunAtOnceInOneProcess() throws {
        let memory = MemoryManager(budgetBytes: 64 << 20)
        var jobs: [(RunningJob, Collected<Int64>)] = []
        for i in 0..<4 {
            let environment = StreamExecutionEnvironment(memory: memory)
            environment.parallelism = 2
            let result = Collected<Int64>()
            environment.fromCollection(Array(Int64(0)..<5_000), parallelism: 2).map { $0 + Int64(i) }.rebalance()
                .filter { _ in true }.collect(into: result)
            jobs.append((try environment.executeAsync("concurrent-\(i)"), result))
        }
        for (i, (job, result)) in jobs.enumerated() {
            #expect(job.waitForCompletion().description == "FINISHED")
            #expect(result.values.sorted() == (Int64(0)..<5_000).map { $0 + Int64(i) })
        }
        #expect(memory.statistics.usedSegments == 0)
    }

    @Test func cancellingARunningJobStopsItAndReleasesItsBuffers() throws {
        final class Endless: SourceReader {
            var next: Int64 = 0
            func poll(into output: Output<Int64>, budget: Int) throws -> SourceStatus {
                for _ in 0..<budget { try output.record(next, nil); next += 1 }
                return .moreAvailable
            }
        }
        let memory = MemoryManager(budgetBytes: 16 << 20)
        let environment = StreamExecutionEnvironment(memory: memory)
        environment.source("endless") { _, _ in Endless() }.map { $0 }.disableChaining()
            .sink("slow") { subtask, _ in CollectingWriter(Collected<Int64>(), subtask: subtask, delayMicros: 10) }
        let job = try environment.executeAsync("cancel")
        Thread.sleep(forTimeInterval: 0.2)
        job.cancel()
        #expect(job.waitForCompletion().description == "CANCELED")
        #expect(memory.statistics.usedSegments == 0)
        #expect(memory.statistics.openOwners == 0)
    }
}
