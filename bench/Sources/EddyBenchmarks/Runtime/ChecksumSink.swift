import Eddy
import EddyMemory
import EddyRuntime
import Synchronization

/// Folds what a job emits into an order-independent checksum and a count, so a benchmark checks its
/// output against the baseline's without writing files.
final class ChecksumResult: Sendable {
    let checksum = Atomic<Int64>(0)
    let count = Atomic<Int64>(0)
}

final class ChecksumSinkWriter<T>: SinkWriter {
    let result: ChecksumResult
    let hash: (T) -> Int64
    private var sum: Int64 = 0
    private var count: Int64 = 0

    init(result: ChecksumResult, hash: @escaping (T) -> Int64) {
        self.result = result
        self.hash = hash
    }

    func write(_ value: T, timestamp: Int64?) throws {
        sum &+= hash(value)
        count &+= 1
    }

    func finish() throws {
        result.checksum.add(sum, ordering: .relaxed)
        result.count.add(count, ordering: .relaxed)
    }
}

extension DataStream {
    /// Ends the stream in a checksum sink (benchmarks).
    func checksum(into result: ChecksumResult, _ hash: @escaping (Element) -> Int64) {
        sink("checksum") { _, _ in ChecksumSinkWriter(result: result, hash: hash) }
    }
}

/// A key-and-count pair's contribution to a checksum (order-independent: summed).
@inline(__always)
func mix(_ a: Int64, _ b: Int64) -> Int64 { (a &* 1_000_003) ^ (b &* 0x9E37_79B9) }
