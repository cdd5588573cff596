import EddyCore
import EddyRuntime
import EddyState

/// The window operator for aligned windows (tumbling, sliding, cumulative) in event time with the
/// default trigger and a reduce or aggregate function, as Flink's table runtime has it: each
/// element updates one partial aggregate, of its key in its slice (slice size = gcd(size,
/// slide)); a window's result merges its slices, pre-combined in blocks (``TierPlan``), when the
/// watermark passes the window's end.
///
/// Partials live in binary tables on memory segments when the accumulator has a fixed size
/// (``BinarySlicePartials``): no object per key. When the budget is used up, further keys of a
/// slice go to the keyed backend (value state, slice index as namespace) instead of failing.
///
/// Results are those of the general ``WindowOperator`` with the same assigner, lateness and
/// function, provided the function is commutative as well as associative (slices merge in time
/// order, not arrival order): a window fires once when the watermark passes its end, again for
/// each element within the allowed lateness, and elements late for all their windows go to the
/// late-data side output.
///
/// Thread-safety: the task thread only.
public final class SlicingWindowOperator<Key: Hashable, Agg: SliceAggregation, Partials: SlicePartials>: OperatorLifecycle
where Partials.Accumulator == Agg.Accumulator {
    public typealias Accumulator = Agg.Accumulator
    public let name: String
    let layout: SliceLayout
    let tiers: TierPlan
    let aggregation: Agg
    let makePartials: () -> Partials
    let encodeKey: (Key) -> UInt64
    let decodeKey: (UInt64) throws -> Key
    let keyGroupOfBits: (UInt64) -> Int
    let backend: any KeyedStateBackend<Key>
    /// Partials that found no room in the budget, per key with the slice index as namespace.
    let spill: ValueStateHandle<Int64, Accumulator>
    let writeAccumulator: (Accumulator, inout ByteArrayWriter) -> Void
    let readAccumulator: (inout ByteArrayReader) throws -> Accumulator
    let output: Output<Agg.Output>
    let metrics: OperatorMetrics
    let settings: WindowOperatorSettings

    var slices: [Int64: Slice<Partials>] = [:]
    /// Indexes of `slices`, ascending.
    var sliceOrder: [Int64] = []
    var blocks: [Int64: Slice<Partials>] = [:]
    /// Blocks that did not fit the budget: windows use their slices.
    var unavailableBlocks: Set<Int64> = []
    private var recent: Slice<Partials>?
    public internal(set) var currentWatermark = Int64.min
    /// Every window ending at or before this slice index has fired.
    var firedUpTo = Int64.min
    var scratch: [UInt64: Accumulator] = [:]
    /// After a restore from subtasks that had fired different windows: per key group, the window
    /// end up to which its keys fired; consulted only for windows up to the largest.
    var restoredProgress: (byKeyGroup: [Int: Int64], upTo: Int64)?
    /// Files written by checkpoints in flight, adopted as slices' committed files when complete.
    var pendingCheckpoints: [Int64: [(slice: Int64, version: UInt64, file: StateFileHandle)]] = [:]

    /// - Parameters:
    ///   - backend: the keyed backend, for spilled partials (pass its concrete type).
    ///   - makePartials: new, empty partials for a slice or block.
    /// - Precondition: keys serialize to at most 8 bytes; the layout is of an event-time assigner.
    public init<B: KeyedStateBackend, AS: Serializer>(
        backend: B, layout: SliceLayout, aggregation: Agg, accumulatorSerializer: AS, makePartials: @escaping () -> Partials,
        output: Output<Agg.Output>, metrics: OperatorMetrics, settings: WindowOperatorSettings
    ) throws where B.Key == Key, AS.Value == Accumulator {
        guard let codec = SliceKeyCodec(backend.keySerializer) else {
            preconditionFailure("the slicing window operator needs keys of at most 8 serialized bytes")
        }
        name = settings.name
        self.layout = layout
        tiers = TierPlan(layout: layout)
        self.aggregation = aggregation
        self.makePartials = makePartials
        encodeKey = { codec.encode($0) }
        decodeKey = { try codec.decode($0) }
        let maxParallelism = backend.maxParallelism
        keyGroupOfBits = { codec.keyGroup($0, maxParallelism: maxParallelism) }
        self.backend = backend
        spill = try backend.valueState(
            ValueStateDescriptor(name: "window-slices-spill", serializer: accumulatorSerializer),
            namespaceSerializer: IntegerSerializer<Int64>())
        writeAccumulator = { accumulatorSerializer.serialize($0, to: &$1) }
        readAccumulator = { try accumulatorSerializer.deserialize(from: &$0) }
        self.output = output
        self.metrics = metrics
        self.settings = settings
    }

    /// Adds one element of `key` to its slice; re-fires the windows of the slice that fired
    /// already but are within the allowed lateness.
    public func processElement(_ value: Agg.Input, timestamp: Int64?, key: Key) throws {
        metrics.recordsIn.increment()
        guard let timestamp else {
            throw WindowingError(.missingTimestamp, "\(name) got a record without a timestamp; assign timestamps before windowing")
        }
        let index = layout.slice(containing: timestamp)
        guard layout.hasWindow(containingSlice: index), !isLate(layout.lastWindowEnd(containingSlice: index)) else {
            return try skip(value, timestamp)
        }
        let bits = encodeKey(key)
        let slice = self.slice(at: index)
        try add(value, key: key, bits: bits, to: slice)
        if let block = tiers.block(ofSlice: index), let built = blocks[block] {
            try addToBlock(value, bits: bits, built)
        }
        if layout.maxTimestamp(ofWindowEndingAt: index + 1) <= currentWatermark {
            try layout.windowEnds(containingSlice: index) { end in
                guard layout.maxTimestamp(ofWindowEndingAt: end) <= currentWatermark, !isLate(end) else { return }
                try refire(end, key: key, bits: bits)
            }
        }
    }

    /// An element too late for every window: to the side output, or counted as dropped.
    private func skip(_ value: Agg.Input, _ timestamp: Int64) throws {
        guard timestamp &+ settings.allowedLateness <= currentWatermark else { return }
        if let tag = settings.lateDataTag {
            try output.sideOutput(tag, value, timestamp)
        } else {
            metrics.lateRecordsDropped.increment()
        }
    }

    @inline(__always)
    private func add(_ value: Agg.Input, key: Key, bits: UInt64, to slice: Slice<Partials>) throws {
        slice.version &+= 1
        if slice.spilled && !slice.partials.contains(bits) { return try spillAdd(value, key: key, slice: slice.index) }
        let stored = try slice.partials.update(bits) { try aggregation.add(value, to: $0) }
        if !stored {
            slice.spilled = true
            try spillAdd(value, key: key, slice: slice.index)
        }
    }

    private func addToBlock(_ value: Agg.Input, bits: UInt64, _ block: Slice<Partials>) throws {
        if !(try block.partials.update(bits) { try aggregation.add(value, to: $0) }) { dropBlock(block.index, available: false) }
    }

    private func spillAdd(_ value: Agg.Input, key: Key, slice: Int64) throws {
        backend.setCurrentKey(key)
        spill.setCurrentNamespace(slice)
        try spill.update(try aggregation.add(value, to: try spill.value()))
    }

    /// The slice `index`, created if new.
    @inline(__always)
    func slice(at index: Int64) -> Slice<Partials> {
        if let recent, recent.index == index { return recent }
        let slice = slices[index] ?? insertSlice(index)
        recent = slice
        return slice
    }

    private func insertSlice(_ index: Int64) -> Slice<Partials> {
        let slice = Slice(index: index, partials: makePartials())
        slices[index] = slice
        if let last = sliceOrder.last, last > index {
            sliceOrder.insert(index, at: firstLiveSlicePosition(atOrAfter: index))
        } else {
            sliceOrder.append(index)
        }
        return slice
    }

    /// The position in `sliceOrder` of the first live slice at or after `index`.
    func firstLiveSlicePosition(atOrAfter index: Int64) -> Int {
        var (low, high) = (0, sliceOrder.count)
        while low < high {
            let middle = (low + high) / 2
            if sliceOrder[middle] < index { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// When the state of the window ending at `end` goes: its max timestamp plus the lateness.
    @inline(__always)
    func isLate(_ end: Int64) -> Bool {
        let (cleanup, overflow) = layout.maxTimestamp(ofWindowEndingAt: end).addingReportingOverflow(settings.allowedLateness)
        return !overflow && cleanup <= currentWatermark
    }

    /// Releases every slice and block.
    public func close() {
        for slice in slices.values { slice.partials.release() }
        for block in blocks.values { block.partials.release() }
        slices = [:]
        blocks = [:]
        sliceOrder = []
        recent = nil
    }

    func dropBlock(_ index: Int64, available: Bool) {
        blocks.removeValue(forKey: index)?.partials.release()
        if available { unavailableBlocks.remove(index) } else { unavailableBlocks.insert(index) }
    }

    func forgetRecentSlice() { recent = nil }
}
