/// Combines the watermarks and statuses of a task's input channels into the task's own, as Flink's
/// `StatusWatermarkValve`: the combined watermark is the minimum over the active, aligned inputs.
///
/// - An input starts active and aligned at ``Watermark/beginningOfTime``.
/// - An idle input is left out of the minimum; watermarks it sends while idle are ignored.
/// - An input that turns active again rejoins the minimum (is *aligned*) only once its watermark
///   reaches the combined one, so a long-idle input does not stall the others while it catches up
///   (its late elements are late, as in Flink).
/// - When the last active input turns idle, the combined status turns idle; if that input was the
///   one holding the minimum, the combined watermark first jumps to the maximum over all inputs
///   (nothing will hold it back any more). The first input to turn active makes it active again.
/// - A combined watermark is reported only when it advances.
///
/// Thread-safety: a value owned by the task thread.
public struct WatermarkCombiner: Sendable {
    /// What a status change causes downstream, in order: first the watermark, then the status.
    public struct Emission: Hashable, Sendable {
        public var watermark: Watermark?
        public var status: StreamStatus?
        public init(watermark: Watermark? = nil, status: StreamStatus? = nil) {
            self.watermark = watermark
            self.status = status
        }
    }

    private struct Input: Sendable {
        var watermark = Watermark.beginningOfTime
        var status = StreamStatus.active
        var aligned = true
    }

    private var inputs: [Input]
    /// The last combined watermark reported.
    public private(set) var combinedWatermark = Watermark.beginningOfTime
    /// The last combined status reported (starts active).
    public private(set) var status = StreamStatus.active

    /// - Precondition: `inputCount > 0`.
    public init(inputCount: Int) {
        precondition(inputCount > 0, "a combiner needs at least one input")
        inputs = Array(repeating: Input(), count: inputCount)
    }

    public var inputCount: Int { inputs.count }

    /// The watermark of `input`, as last received.
    public func watermark(ofInput input: Int) -> Watermark { inputs[input].watermark }
    /// The status of `input`, as last received.
    public func status(ofInput input: Int) -> StreamStatus { inputs[input].status }

    /// Records a watermark from `input`.
    /// - Returns: the new combined watermark when it advances, else nil.
    /// - Complexity: O(inputs) when the input's watermark advances, O(1) otherwise.
    public mutating func update(input index: Int, watermark: Watermark) -> Watermark? {
        precondition(inputs.indices.contains(index), "input \(index) outside 0..<\(inputs.count)")
        guard status == .active, inputs[index].status == .active,
            watermark > inputs[index].watermark
        else { return nil }
        inputs[index].watermark = watermark
        if !inputs[index].aligned && watermark >= combinedWatermark { inputs[index].aligned = true }
        return advanceToMinimumOfAligned()
    }

    /// Records a status from `input`.
    /// - Returns: the combined watermark and status to send downstream, if any.
    public mutating func updateStatus(input index: Int, status newStatus: StreamStatus) -> Emission {
        precondition(inputs.indices.contains(index), "input \(index) outside 0..<\(inputs.count)")
        var emission = Emission()
        switch (inputs[index].status, newStatus) {
        case (.active, .idle):
            inputs[index].status = .idle
            inputs[index].aligned = false
            let heldMinimum = inputs[index].watermark == combinedWatermark
            if !inputs.contains(where: { $0.status == .active }) {
                if heldMinimum { emission.watermark = advanceToMaximumOfAll() }
                status = .idle
                emission.status = .idle
            } else if heldMinimum {
                emission.watermark = advanceToMinimumOfAligned()
            }
        case (.idle, .active):
            inputs[index].status = .active
            if inputs[index].watermark >= combinedWatermark { inputs[index].aligned = true }
            if status == .idle {
                status = .active
                emission.status = .active
            }
        default:
            break
        }
        return emission
    }

    private mutating func advanceToMinimumOfAligned() -> Watermark? {
        var minimum: Watermark?
        for input in inputs where input.aligned {
            minimum = min(minimum ?? input.watermark, input.watermark)
        }
        guard let minimum, minimum > combinedWatermark else { return nil }
        combinedWatermark = minimum
        return minimum
    }

    private mutating func advanceToMaximumOfAll() -> Watermark? {
        guard let maximum = inputs.map(\.watermark).max(), maximum > combinedWatermark else { return nil }
        combinedWatermark = maximum
        return maximum
    }
}
