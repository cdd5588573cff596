import Eddy
import EddyCore
import EddyMemory

/// `ProbingHashTable` (the heap state backend's per-key-group table) alone: random gets and
/// in-place increments of 8-byte keys and values, against a Swift `Dictionary` in the same run.
/// The table is given a hash the loop computes (one multiply, as a caller with a hash in hand
/// pays little); the Dictionary hashes with SipHash as it always does.
struct ProbingTableBenchmarks {
    var keys: Int
    var repetitions: Int

    func run(_ emit: (BenchmarkResult) -> Void) {
        let k = keys
        var table = ProbingHashTable<Int64, Int64>(minimumCapacity: k)
        var dictionary = [Int64: Int64](minimumCapacity: k)
        for key in 0..<Int64(k) {
            table[key, hash: Self.hash(key)] = key
            dictionary[key] = key
        }
        let n = k
        var random = SplitMix64(seed: 7)
        func nextKey() -> Int64 { Int64(random.nextInt(below: UInt64(k))) }
        var sum: Int64 = 0
        let get = Measurement.interleaved(repetitions: repetitions, {
            for _ in 0..<n {
                let key = nextKey()
                sum &+= table[key, hash: Self.hash(key)] ?? 0
            }
        }, baseline: {
            for _ in 0..<n { sum &+= dictionary[nextKey()] ?? 0 }
        })
        let increment = Measurement.interleaved(repetitions: repetitions, {
            for _ in 0..<n {
                let key = nextKey()
                table[key, hash: Self.hash(key), default: 0] &+= 1
            }
        }, baseline: {
            for _ in 0..<n { dictionary[nextKey(), default: 0] &+= 1 }
        })
        Measurement.consume(sum)
        Measurement.consume(table.count + dictionary.count)
        for (name, result) in [("get", get), ("increment", increment)] {
            emit(BenchmarkResult(
                suite: "memory", name: "probing-table.\(name)", perSecond: Double(n) / result.measured.seconds,
                unit: "ops/s", operations: n,
                allocationsPerOperation: Double(result.measured.allocations) / Double(n),
                baselineName: "Swift Dictionary", baselinePerSecond: Double(n) / result.baseline.seconds,
                notes: "\(k) keys (Int64 → Int64), uniform random access"))
        }
    }

    /// A 32-bit hash of the key: the high half of a golden-ratio product.
    @inline(__always)
    static func hash(_ key: Int64) -> UInt32 {
        UInt32(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }
}
