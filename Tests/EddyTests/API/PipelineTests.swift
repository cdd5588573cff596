import Eddy
import EddyMemory
import EddyRuntime
import Foundation
import Testing

@Suite struct PipelineTests {
    @Test(arguments: [1, 2])
    func mapFilterFlatMapKeepEveryRecordOnce(_ parallelism: Int) throws {
        let environment = StreamExecutionEnvironment()
        environment.parallelism = parallelism
        let result = Collected<Int64>()
        environment.fromCollection(Array(Int64(0)..<10_000), parallelism: parallelism)
            .map { $0 * 2 }
            .filter { $0 % 3 != 0 }
            .flatMap { value, out in
                try out.collect(value)
                if value % 10 == 0 { try out.collect(-value) }
            }
            .collect(into: result)
        try environment.execute("pipeline")
        var expected: [Int64] = []
        for v in Int64(0)..<10_000 where (v * 2) % 3 != 0 {
            expected.append(v * 2)
            if (v * 2) % 10 == 0 { expected.append(-(v * 2)) }
        }
        #expect(result.values.sorted() == expected.sorted())
        #expect(result.finishedSubtasks == parallelism)
    }

    @Test(arguments: [1, 2, 3])
    func keyedCountEqualsAPlainCount(_ parallelism: Int) throws {
        let environment = StreamExecutionEnvironment()
        environment.parallelism = parallelism
        let keys = (0..<20_000).map { Int64(($0 * 7919) % 503) }
        let result = Collected<KeyedValue<Int64, Int64>>()
        environment.fromCollection(keys, parallelism: 1)
            .keyBy { $0 }
            .count()
            .collect(into: result)
        try environment.execute("keyed-count")
        var finalCounts: [Int64: Int64] = [:]
        var subtaskOfKey: [Int64: Int] = [:]
        for entry in result.entries {
            finalCounts[entry.value.key] = max(finalCounts[entry.value.key] ?? 0, entry.value.value)
            if let seen = subtaskOfKey[entry.value.key] { #expect(seen == entry.subtask, "a key is handled by one subtask") }
            subtaskOfKey[entry.value.key] = entry.subtask
        }
        var expected: [Int64: Int64] = [:]
        for key in keys { expected[key, default: 0] += 1 }
        #expect(finalCounts == expected)
        #expect(result.values.count == keys.count)  // one update per record
    }

    @Test func unionRebalanceAndDifferentParallelism() throws {
        let environment = StreamExecutionEnvironment()
        let result = Collected<Int64>()
        let a = environment.fromCollection(Array(Int64(0)..<500), name: "a", parallelism: 2)
        let b = environment.fromCollection(Array(Int64(1000)..<1500), name: "b", parallelism: 1)
        a.union(b).rebalance().map { $0 + 1 }.setParallelism(3).collect(into: result, parallelism: 2)
        try environment.execute("union")
        #expect(result.values.sorted() == (Array(Int64(0)..<500) + Array(Int64(1000)..<1500)).map { $0 + 1 }.sorted())
        #expect(Set(result.entries.map(\.subtask)) == [0, 1])
    }

    @Test func broadcastSendsEveryRecordToEverySubtask() throws {
        let environment = StreamExecutionEnvironment()
        let result = Collected<Int64>()
        environment.fromCollection(Array(Int64(0)..<100)).broadcast().map { $0 }.setParallelism(3).collect(into: result, parallelism: 3)
        try environment.execute("broadcast")
        #expect(result.values.count == 300)
        #expect(Set(result.values) == Set(0..<100))
    }

    @Test func aThrowingUserFunctionFailsTheJobWithItsRecord() throws {
        struct Boom: Error {}
        let environment = StreamExecutionEnvironment()
        environment.fromCollection(Array(Int64(0)..<1000))
            .map("explode") { value -> Int64 in
                if value == 417 { throw Boom() }
                return value
            }
            .collect(into: Collected<Int64>())
        let failure = #expect(throws: JobFailure.self) { try environment.execute("failing") }
        let userError = failure?.error as? UserFunctionError
        #expect(userError?.operatorName == "explode")
        #expect(userError?.record == "417")
        #expect(userError?.underlying is Boom)
    }

    @Test func aSlowSinkBackpressuresTheSourceWithinTheBufferPool() throws {
        let memory = MemoryManager(budgetBytes: 64 * 32 * 1024)
        let environment = StreamExecutionEnvironment(memory: memory)
        environment.buffersPerChannel = 2
        let result = Collected<Int64>()
        environment.fromCollection(Array(Int64(0)..<40_000))
            .map { $0 }.disableChaining()
            .sink("slow") { subtask, _ in CollectingWriter(result, subtask: subtask, delayMicros: 20) }
        let job = try environment.executeAsync("backpressure")
        var peak = 0
        while !job.status.isTerminal {
            peak = max(peak, memory.statistics.usedSegments)
            Thread.sleep(forTimeInterval: 0.01)
        }
        job.waitForCompletion()
        #expect(result.values.count == 40_000)
        // Two channels (source → map, map → sink) of two buffers each: the pool never grew beyond them.
        #expect(peak <= 4)
        let sourceTask = job.tasks.first { $0.name.hasPrefix("collection") }!
        let totals = sourceTask.accounting.totals(now: monotonicNanoseconds())
        #expect(totals.backpressured > totals.busy, "the source mostly waits for credit: \(totals)")
        #expect(memory.statistics.usedSegments == 0)
    }

    @Test func chainingPutsForwardOperatorsOfEqualParallelismInOneTask() throws {
        let environment = StreamExecutionEnvironment()
        environment.fromCollection([Int64(1)]).map { $0 }.filter { _ in true }.collect(into: Collected<Int64>())
        let job = try environment.executeAsync("chained")
        job.waitForCompletion()
        #expect(job.tasks.count == 1)
        #expect(job.tasks[0].name.contains("collection -> map -> filter -> collect"))

        let split = StreamExecutionEnvironment()
        split.fromCollection([Int64(1)]).map { $0 }.startNewChain().filter { _ in true }.disableChaining().collect(into: Collected<Int64>())
        let splitJob = try split.executeAsync("split")
        splitJob.waitForCompletion()
        // collection | map (new chain) | filter (chains with neither side) | collect
        #expect(splitJob.tasks.count == 4)
    }

    @Test func hundredShortJobsLeaveNoThreadsOrSegmentsBehind() throws {
        let memory = MemoryManager(budgetBytes: 32 << 20)
        func threadCount() -> Int {
            (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? 0
        }
        func runJob(_ i: Int) throws {
            let environment = StreamExecutionEnvironment(memory: memory)
            environment.parallelism = 2
            environment.fromCollection(Array(Int64(0)..<200), parallelism: 2).keyBy { $0 % 7 }.count()
                .collect(into: Collected<KeyedValue<Int64, Int64>>())
            try environment.execute("short-\(i)")
        }
        try runJob(0)
        Thread.sleep(forTimeInterval: 0.2)
        let baselineThreads = threadCount()
        for i in 1...100 { try runJob(i) }
        Thread.sleep(forTimeInterval: 0.3)
        #expect(memory.statistics.usedSegments == 0)
        #expect(memory.statistics.openOwners == 0)
        #expect(memory.statistics.leakedSegments == 0)
        // The count is the whole process's, and other suites run concurrently (their task and
        // RocksDB threads come and go), so the margin is wide; a leak of even one thread per job
        // would still add 100.
        #expect(threadCount() <= baselineThreads + 50)
    }
}

@Suite struct AggregationTests {
    @Test(arguments: [1, 2])
    func rollingSumMinMaxAndAverageEqualAPlainComputation(_ parallelism: Int) throws {
        let values = (0..<3_000).map { Int64(($0 * 7919) % 1_000) }
        let environment = StreamExecutionEnvironment()
        environment.parallelism = parallelism
        let sums = Collected<KeyedValue<Int64, Int64>>()
        let minima = Collected<KeyedValue<Int64, Int64>>()
        let maxima = Collected<KeyedValue<Int64, Int64>>()
        let averages = Collected<KeyedValue<Int64, Double>>()
        let keyed = environment.fromCollection(values).keyBy { $0 % 10 }
        keyed.sum { $0 }.collect(into: sums)
        keyed.min { $0 }.collect(into: minima)
        keyed.max { $0 }.collect(into: maxima)
        keyed.average { Double($0) }.collect(into: averages)
        try environment.execute("aggregations")
        var groups: [Int64: [Int64]] = [:]
        for v in values { groups[v % 10, default: []].append(v) }
        /// The last emitted value per key is the aggregate over all its records (one subtask per key, in order).
        func last<V>(_ collected: Collected<KeyedValue<Int64, V>>) -> [Int64: V] {
            var result: [Int64: V] = [:]
            for entry in collected.entries { result[entry.value.key] = entry.value.value }
            return result
        }
        #expect(last(sums) == groups.mapValues { $0.reduce(0, +) })
        #expect(last(minima) == groups.mapValues { $0.min()! })
        #expect(last(maxima) == groups.mapValues { $0.max()! })
        for (key, mean) in last(averages) {
            let expected = Double(groups[key]!.reduce(0, +)) / Double(groups[key]!.count)
            #expect(abs(mean - expected) < 1e-9)
        }
        #expect(averages.values.count == values.count)
    }
}
