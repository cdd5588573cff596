import Eddy
import EddyMemory
import EddyRuntime
import Foundation

/// `eddy bench latency`: records through a 3-task pipeline (source | map | sink, two exchanges),
/// first as fast as possible (the maximum rate), then at half that rate; each record carries its
/// emission time and the sink measures its end-to-end latency. Reports p50, p99 and max.
public struct LatencyBenchmark {
    public var records: Int
    public var seconds: Double

    public init(records: Int = 20_000_000, seconds: Double = 3) {
        self.records = records
        self.seconds = seconds
    }

    public func run(_ emit: (BenchmarkResult) -> Void) throws {
        let unthrottled = try measure(rate: nil, count: records)
        let maximum = Double(records) / unthrottled.seconds
        let half = maximum / 2
        let paced = try measure(rate: half, count: Int(half * seconds))
        let sorted = paced.latencies.sorted()
        func percentile(_ p: Double) -> Double {
            sorted.isEmpty ? 0 : Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1e6
        }
        emit(BenchmarkResult(
            suite: "runtime", name: "latency.3-task.max-rate", perSecond: maximum, unit: "records/s",
            operations: records, notes: "source | map | sink, 2 exchanges, 32 KiB buffers"))
        emit(BenchmarkResult(
            suite: "runtime", name: "latency.3-task.p99-at-half-rate", perSecond: percentile(0.99), unit: "ms",
            operations: sorted.count,
            notes: String(format: "rate %.1fM/s, p50 %.3f ms, p99 %.3f ms, max %.3f ms, %d samples",
                          half / 1e6, percentile(0.5), percentile(0.99), Double(sorted.last ?? 0) / 1e6, sorted.count)))
    }

    /// Runs `count` records at `rate` (nil: unthrottled); returns the wall time and sampled latencies.
    func measure(rate: Double?, count: Int) throws -> (seconds: Double, latencies: [UInt64]) {
        let environment = StreamExecutionEnvironment(memory: MemoryManager(budgetBytes: 64 << 20))
        let samples = LatencySamples(capacity: 1 << 20, every: max(1, count / (1 << 20)))
        environment.source("stamps") { _, _ in TimestampSource(count: count, rate: rate) }
            .map { $0 }.disableChaining()
            .sink("latency") { _, _ in LatencySink(samples: samples) }
        let result = try environment.execute("bench-latency")
        return (result.seconds, samples.values)
    }
}

/// Emits the monotonic time (ns) at which each record is emitted, at a target rate.
final class TimestampSource: SourceReader {
    let count: Int
    let rate: Double?
    var emitted = 0
    var start: UInt64 = 0

    init(count: Int, rate: Double?) {
        self.count = count
        self.rate = rate
    }

    func poll(into output: Output<Int64>, budget: Int) throws -> SourceStatus {
        if start == 0 { start = monotonicNanoseconds() }
        var allowed = min(budget, count - emitted)
        if let rate {
            allowed = min(allowed, Int(Double(monotonicNanoseconds() - start) / 1e9 * rate) - emitted)
            if allowed <= 0 { return emitted >= count ? .endOfInput : .nothingAvailable }
        }
        for _ in 0..<allowed { try output.record(Int64(monotonicNanoseconds()), nil) }
        emitted += allowed
        return emitted >= count ? .endOfInput : .moreAvailable
    }
}

/// Every n-th latency, up to a capacity (written by the one sink subtask, read after the job).
final class LatencySamples: @unchecked Sendable {  // written by one task thread, read after it ended
    var values: [UInt64] = []
    let capacity: Int
    let every: Int
    init(capacity: Int, every: Int) {
        self.capacity = capacity
        self.every = every
        values.reserveCapacity(capacity)
    }
}

final class LatencySink: SinkWriter {
    let samples: LatencySamples
    var seen = 0
    init(samples: LatencySamples) { self.samples = samples }
    func write(_ value: Int64, timestamp: Int64?) throws {
        seen += 1
        if seen % samples.every == 0 && samples.values.count < samples.capacity {
            samples.values.append(monotonicNanoseconds() - UInt64(value))
        }
    }
}
