import Eddy
import EddyRuntime
import EddyState

/// Counts clicks per key and window, keeping the key (a fixed 16-byte accumulator, so the slicing
/// operator keeps it in segment tables).
struct CountClicks: AggregateFunction {
    let key: @Sendable (Click) -> Int64
    func createAccumulator() -> KeyedValue<Int64, Int64> { KeyedValue(key: 0, value: 0) }
    func add(_ value: Click, to accumulator: KeyedValue<Int64, Int64>) -> KeyedValue<Int64, Int64> {
        KeyedValue(key: key(value), value: accumulator.value &+ 1)
    }
    func result(of accumulator: KeyedValue<Int64, Int64>) -> KeyedValue<Int64, Int64> { accumulator }
    func merge(_ a: KeyedValue<Int64, Int64>, _ b: KeyedValue<Int64, Int64>) -> KeyedValue<Int64, Int64> {
        KeyedValue(key: a.value == 0 ? b.key : a.key, value: a.value &+ b.value)
    }
}

/// A window result's contribution to a checksum: key, window (by its max timestamp) and count.
@inline(__always)
func windowMix(_ key: Int64, _ maxTimestamp: Int64, _ count: Int64) -> Int64 { mix(key &* 1_000_003 &+ maxTimestamp, count) }

/// Sums the window results a job emits, with their timestamps.
final class WindowChecksumWriter: SinkWriter {
    let result: ChecksumResult
    private var sum: Int64 = 0
    private var count: Int64 = 0

    init(result: ChecksumResult) { self.result = result }

    func write(_ value: KeyedValue<Int64, Int64>, timestamp: Int64?) throws {
        sum &+= windowMix(value.key, timestamp ?? 0, value.value)
        count &+= 1
    }

    func finish() throws {
        result.checksum.wrappingAdd(sum, ordering: .relaxed)
        result.count.add(count, ordering: .relaxed)
    }
}

extension DataStream where Element == KeyedValue<Int64, Int64> {
    func windowChecksum(into result: ChecksumResult) {
        sink("checksum") { _, _ in WindowChecksumWriter(result: result) }
    }
}
