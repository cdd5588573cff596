import Eddy
import EddyRuntime
import EddyState
import Foundation
import Synchronization

/// `eddy bench checkpoint`: the keyed count job (generator → watermarks → keyBy → final count per
/// user, with a timer per user) without checkpoints, then with periodic aligned checkpoints at
/// each interval, in the same run: throughput against the run without, and what the checkpoints
/// cost (synchronous part on the task thread, asynchronous part on the writer, size). Runs are
/// interleaved (none, each interval, none, …) and the best of the repetitions is reported.
public struct CheckpointBenchmark {
    public var job: JobBenchmarks
    public var intervalsMillis: [Int64]
    public var unaligned: Bool
    public var repetitions: Int

    public init(job: JobBenchmarks, intervalsMillis: [Int64], unaligned: Bool = false, repetitions: Int = 3) {
        self.job = job
        self.intervalsMillis = intervalsMillis
        self.unaligned = unaligned
        self.repetitions = max(repetitions, 1)
    }

    public func run(_ emit: (BenchmarkResult) -> Void) throws {
        var counts: [Int64: Int64] = [:]
        for click in ClickGenerator(options: job.generator) { counts[click.userID, default: 0] += 1 }
        let expected = counts.reduce(Int64(0)) { $0 &+ mix($1.key, $1.value) }
        var best: [Int64?: Run] = [:]
        var leastCPU: [Int64?: Double] = [:]
        for _ in 0..<repetitions {
            for interval in [nil] + intervalsMillis.map(Optional.some) {
                let run = try measure(intervalMillis: interval, expected: expected)
                if run.seconds < best[interval]?.seconds ?? .infinity { best[interval] = run }
                if run.cpuSeconds < leastCPU[interval] ?? .infinity { leastCPU[interval] = run.cpuSeconds }
            }
        }
        let baseline = best[nil]!
        for interval in intervalsMillis {
            let run = best[interval]!
            let done = max(run.statistics.completed, 1)
            func milliseconds(_ nanoseconds: UInt64) -> String { String(format: "%.1f", Double(nanoseconds) / 1e6 / Double(done)) }
            emit(BenchmarkResult(
                suite: "checkpoint",
                name: "keyed-count.every-\(interval)ms\(unaligned ? ".unaligned" : "").\(job.backend.rawValue).p\(job.parallelism)",
                perSecond: Double(job.events) / run.seconds, unit: "events/s", operations: job.events,
                baselineName: "same job without checkpoints", baselinePerSecond: Double(job.events) / baseline.seconds,
                notes: String(
                    format: "CPU %.2f s vs %.2f s without (%.2f×); ", leastCPU[interval]!, leastCPU[nil]!,
                    leastCPU[interval]! / leastCPU[nil]!)
                    + "\(run.statistics.completed) completed, \(run.statistics.failed) failed; per checkpoint: "
                    + "\(run.statistics.totalDurationMillis / done) ms trigger to completion, "
                    + "sync \(milliseconds(run.statistics.totalSynchronousNanoseconds)) ms, "
                    + "async \(milliseconds(run.statistics.totalAsynchronousNanoseconds)) ms, "
                    + "alignment \(milliseconds(run.statistics.totalAlignmentNanoseconds)) ms (slowest task), "
                    + "\((run.statistics.totalStateBytes / done) >> 10) KiB; output \(run.checksumMatches ? "= baseline" : "≠ BASELINE")"))
        }
    }

    struct Run {
        var seconds: Double
        /// Process CPU seconds (every thread: tasks, checkpoint writer, coordinator).
        var cpuSeconds: Double
        var statistics: CheckpointStatistics.Values
        var checksumMatches: Bool
    }

    func measure(intervalMillis: Int64?, expected: Int64) throws -> Run {
        let environment = job.environment()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-bench-checkpoint-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        environment.checkpointDirectory = directory
        environment.workingDirectory = directory + "/work"
        if let intervalMillis {
            environment.checkpointing = CheckpointConfig(
                intervalMillis: intervalMillis, unaligned: unaligned, sink: DiscardingCompletionSink())
        }
        let result = ChecksumResult()
        ClickJobs.countPerUser(job.clicks(environment)).checksum(into: result) { mix($0.key, $0.value) }
        let start = Date()
        let cpuStart = ProcessCPUTime.seconds
        let running = try environment.executeAsync("bench-checkpoint")
        let status = running.waitForCompletion()
        guard case .finished = status else { throw JobGraphError("benchmark job ended \(status)") }
        let seconds = Date().timeIntervalSince(start)
        return Run(
            seconds: seconds, cpuSeconds: ProcessCPUTime.seconds - cpuStart, statistics: running.checkpointCoordinator?.statistics.current ?? .init(),
            checksumMatches: result.checksum.load(ordering: .relaxed) == expected)
    }
}

/// Completes checkpoints by forgetting them (the benchmark measures taking them, not storing
/// `_metadata`); the run's directory is removed at its end.
final class DiscardingCompletionSink: CheckpointCompletionSink {
    func complete(_ checkpoint: AcknowledgedCheckpoint) throws {}
    func abort(checkpointID: Int64, written: [OperatorSubtaskState]) {}
}
