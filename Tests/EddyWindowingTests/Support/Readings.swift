import Eddy
import EddyCore
import EddyState
import EddyTesting
import EddyWindowing

/// A (key, value) element of the window tests.
typealias Reading = KeyedValue<Int64, Int64>

/// Sums values, keeping the key.
func sum(_ a: Reading, _ b: Reading) -> Reading { Reading(key: a.key, value: a.value + b.value) }

/// An aggregate counting elements and summing values, with a (count, sum) result.
struct CountAndSum: AggregateFunction {
    func createAccumulator() -> [Int64] { [0, 0] }
    func add(_ value: Reading, to accumulator: [Int64]) -> [Int64] { [accumulator[0] + 1, accumulator[1] + value.value] }
    func result(of accumulator: [Int64]) -> [Int64] { accumulator }
    func merge(_ a: [Int64], _ b: [Int64]) -> [Int64] { [a[0] + b[0], a[1] + b[1]] }
}

/// Emits "key window-start window-end values…" for each window.
final class DescribeWindow<W: Window>: ProcessWindowFunction {
    func process(_ key: Int64, elements: [Reading], context: ProcessWindowContext<Int64, W, String>) throws {
        try context.collect("\(key) \(context.window) \(elements.map(\.value))")
    }
}

extension OneInputHarness {
    /// The records emitted so far, as (value, timestamp) pairs in emission order.
    var emitted: [(Out, Int64?)] { records.map { ($0.value, $0.timestamp) } }
}

/// A harness over a keyed window transformation of readings.
func windowHarness<Out: StreamSerializable>(
    clock: ManualStateClock = ManualStateClock(), backend: StateBackendKind = .heap,
    _ build: @escaping (KeyedStream<Reading, Int64>) -> DataStream<Out>
) throws -> OneInputHarness<Reading, Out> {
    try OneInputHarness<Reading, Out>(backend: backend, clock: clock) { build($0.keyBy(\.key)) }
}
