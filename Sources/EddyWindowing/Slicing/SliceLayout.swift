/// How aligned windows cut into slices, the unit the slicing operator aggregates per key: slice `i`
/// covers `[offset + i·sliceSize, offset + (i+1)·sliceSize)`, and a window is the run of slices
/// `[start(E), E)` named by its end index `E`. Every element falls into exactly one slice.
public struct SliceLayout: Sendable, Hashable {
    public enum Shape: Sendable, Hashable {
        /// One slice per window.
        case tumbling
        /// Windows of `windowSlices` slices ending every `slideSlices` slices
        /// (slice size = gcd(size, slide)).
        case sliding(windowSlices: Int64, slideSlices: Int64)
        /// Windows that grow a slice at a time from the start of each run of `maxSlices` slices.
        case cumulative(maxSlices: Int64)
    }

    public var sliceSize: Int64
    public var offset: Int64
    public var shape: Shape

    public init(sliceSize: Int64, offset: Int64, shape: Shape) {
        precondition(sliceSize > 0, "slice size must be positive")
        self.sliceSize = sliceSize
        self.offset = offset
        self.shape = shape
    }

    /// The slice holding `timestamp`.
    @inline(__always)
    public func slice(containing timestamp: Int64) -> Int64 { floorDivide(timestamp &- offset, sliceSize) }

    /// The first millisecond of slice `index`; the slice ends where `index + 1` starts.
    @inline(__always)
    public func start(ofSlice index: Int64) -> Int64 { offset &+ index &* sliceSize }

    /// The first slice of the window ending (exclusively) at slice index `end`.
    public func firstSlice(ofWindowEndingAt end: Int64) -> Int64 {
        switch shape {
        case .tumbling: end - 1
        case .sliding(let size, _): end - size
        case .cumulative(let maxSlices): floorDivide(end - 1, maxSlices) * maxSlices
        }
    }

    /// Whether a window ends (exclusively) at slice index `end`.
    public func isWindowEnd(_ end: Int64) -> Bool {
        switch shape {
        case .tumbling, .cumulative: true
        case .sliding(let size, let slide): floorModulo(end - size, slide) == 0
        }
    }

    /// The first window end after slice index `end`.
    public func nextWindowEnd(after end: Int64) -> Int64 {
        switch shape {
        case .tumbling, .cumulative: return end + 1
        case .sliding(let size, let slide):
            let next = end + 1
            let remainder = floorModulo(next - size, slide)
            return remainder == 0 ? next : next + slide - remainder
        }
    }

    /// The window ends (exclusive slice indexes) of every window containing slice `index`, in
    /// ascending order.
    public func windowEnds(containingSlice index: Int64, _ body: (Int64) throws -> Void) rethrows {
        switch shape {
        case .tumbling: try body(index + 1)
        case .sliding(let size, _):
            var end = nextWindowEnd(after: index)
            while end <= index + size {
                try body(end)
                end = nextWindowEnd(after: end)
            }
        case .cumulative(let maxSlices):
            let last = (floorDivide(index, maxSlices) + 1) * maxSlices
            for end in (index + 1)...last { try body(end) }
        }
    }

    /// The last window end whose window contains slice `index`: after it fires (and its lateness
    /// passes), the slice is no longer needed.
    public func lastWindowEnd(containingSlice index: Int64) -> Int64 {
        switch shape {
        case .tumbling: index + 1
        case .sliding(let size, let slide):
            // The largest end <= index + size with (end - size) a multiple of slide.
            index + size - floorModulo(index, slide)
        case .cumulative(let maxSlices): (floorDivide(index, maxSlices) + 1) * maxSlices
        }
    }

    /// Slices per window at most (the length of the longest window).
    public var maxSlicesPerWindow: Int64 {
        switch shape {
        case .tumbling: 1
        case .sliding(let size, _): size
        case .cumulative(let maxSlices): maxSlices
        }
    }
}

@inline(__always)
func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let quotient = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
}

@inline(__always)
func floorModulo(_ a: Int64, _ b: Int64) -> Int64 {
    let remainder = a % b
    return remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder
}

extension SliceLayout {
    /// Whether any window contains slice `index` (sliding windows shorter than their slide leave
    /// gaps).
    public func hasWindow(containingSlice index: Int64) -> Bool {
        switch shape {
        case .tumbling, .cumulative: true
        case .sliding(let size, let slide): floorModulo(index, slide) < size
        }
    }

    /// The end of the last window whose max timestamp is at or before `watermark` (such windows
    /// are complete). Far outside the range of real slices for the first and last watermarks.
    public func lastWindowEnd(atOrBefore watermark: Int64) -> Int64 {
        let far = Int64.max / 4
        let (shifted, overflow) = watermark.subtractingReportingOverflow(offset)
        guard !overflow else { return offset > 0 ? -far : far }
        // maxTimestamp(E) = start(E) - 1 <= watermark  ⇔  E <= (watermark + 1 - offset) / sliceSize
        let end = shifted == Int64.max ? far : Swift.max(Swift.min(floorDivide(shifted + 1, sliceSize), far), -far)
        switch shape {
        case .tumbling, .cumulative: return end
        case .sliding(let size, let slide): return end - floorModulo(end - size, slide)
        }
    }

    /// The max timestamp of the window ending at slice index `end`.
    @inline(__always)
    public func maxTimestamp(ofWindowEndingAt end: Int64) -> Int64 { start(ofSlice: end) &- 1 }
}
