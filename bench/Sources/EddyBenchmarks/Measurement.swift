import CEddyAllocationCounter
import Foundation

/// Timing and allocation counting for benchmark loops.
public enum Measurement {
    /// Runs `body` `repetitions` times after one warm-up run and returns the fastest run's seconds
    /// (the least disturbed by the shared, noisy machine) and the allocations the calling thread
    /// made per run (the minimum over runs: steady state).
    public static func best(
        repetitions: Int, _ body: () throws -> Void
    ) rethrows -> (seconds: Double, allocations: UInt64) {
        try body()
        var bestSeconds = Double.infinity
        var fewestAllocations = UInt64.max
        for _ in 0..<max(repetitions, 1) {
            let allocationsBefore = eddy_thread_allocation_count()
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            let end = DispatchTime.now().uptimeNanoseconds
            let allocations = eddy_thread_allocation_count() - allocationsBefore
            bestSeconds = min(bestSeconds, Double(end - start) / 1e9)
            fewestAllocations = min(fewestAllocations, allocations)
        }
        return (bestSeconds, fewestAllocations)
    }

    /// Seconds one run of `body` takes (for work that cannot be repeated, such as a bulk load).
    public static func once(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Allocations the calling thread has made so far (0 when the counter is not linked in).
    public static var threadAllocations: UInt64 { eddy_thread_allocation_count() }

    /// Whether allocations are really counted in this binary (glibc interposer linked in).
    public static var countsAllocations: Bool { eddy_allocation_counter_active() != 0 }

    /// Keeps `value` alive and observable so the optimizer cannot delete the loop that made it.
    @inline(never)
    public static func consume<T>(_ value: T) {
        withExtendedLifetime(value) {}
    }
}

extension Measurement {
    /// Runs `measured` and `baseline` alternately, `repetitions` times each after one warm-up run
    /// of each, and returns each one's fastest run and fewest allocations: on a shared machine both
    /// then meet the same disturbances, which back-to-back blocks of runs do not.
    public static func interleaved(
        repetitions: Int, _ measured: () throws -> Void, baseline: () throws -> Void
    ) rethrows -> (measured: (seconds: Double, allocations: UInt64), baseline: (seconds: Double, allocations: UInt64)) {
        try measured()
        try baseline()
        var best = (measured: (seconds: Double.infinity, allocations: UInt64.max),
                    baseline: (seconds: Double.infinity, allocations: UInt64.max))
        func time(_ body: () throws -> Void, into result: inout (seconds: Double, allocations: UInt64)) rethrows {
            let allocationsBefore = eddy_thread_allocation_count()
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            let end = DispatchTime.now().uptimeNanoseconds
            result.seconds = min(result.seconds, Double(end - start) / 1e9)
            result.allocations = min(result.allocations, eddy_thread_allocation_count() - allocationsBefore)
        }
        for _ in 0..<max(repetitions, 1) {
            try time(measured, into: &best.measured)
            try time(baseline, into: &best.baseline)
        }
        return best
    }
}
