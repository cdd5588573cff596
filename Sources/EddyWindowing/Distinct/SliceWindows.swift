/// Sliding (or tumbling) event-time windows cut into slices of one slide each: the window-time
/// arithmetic of the distinct-count operators, kept here so they do not depend on the general
/// window operator (`Assigners/`) being built beside them.
///
/// Slice `j` is `[j × slide, (j + 1) × slide)`; the window whose last slice is `e` covers slices
/// `e - slicesPerWindow + 1 ... e`, i.e. `[(e + 1) × slide - size, (e + 1) × slide)`. Windows are
/// aligned to the epoch (offset 0), as Flink's default.
public struct SliceWindows: Sendable, Hashable {
    public let sizeMillis: Int64
    public let slideMillis: Int64
    /// Slices in one window (`size / slide`).
    public let slicesPerWindow: Int64

    /// - Precondition: `slideMillis > 0` and divides `sizeMillis`.
    public init(sizeMillis: Int64, slideMillis: Int64) {
        precondition(slideMillis > 0 && sizeMillis >= slideMillis, "window \(sizeMillis) ms and slide \(slideMillis) ms must be positive, the slide no longer than the window")
        precondition(sizeMillis % slideMillis == 0, "the slide (\(slideMillis) ms) must divide the window size (\(sizeMillis) ms)")
        self.sizeMillis = sizeMillis
        self.slideMillis = slideMillis
        slicesPerWindow = sizeMillis / slideMillis
    }

    /// The slice holding `timestamp` (floor division, so negative timestamps work too).
    @inlinable @inline(__always)
    public func slice(of timestamp: Int64) -> Int64 {
        let quotient = timestamp / slideMillis
        return timestamp % slideMillis < 0 ? quotient - 1 : quotient
    }

    /// The first slice whose window has not fired at `watermark`: windows ending at or before
    /// `watermark + 1` have fired. `Int64.max` for the end-of-time watermark.
    public func firstUnfiredSlice(atWatermark watermark: Int64) -> Int64 {
        watermark == Int64.max ? Int64.max : slice(of: watermark + 1)
    }

    /// Start (inclusive) of the window whose last slice is `slice`.
    public func windowStart(lastSlice slice: Int64) -> Int64 { windowEnd(lastSlice: slice) - sizeMillis }

    /// End (exclusive) of the window whose last slice is `slice`.
    public func windowEnd(lastSlice slice: Int64) -> Int64 { (slice + 1) * slideMillis }
}
