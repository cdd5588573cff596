/// A contiguous, inclusive range of key groups owned by one operator instance, as Flink's
/// `KeyGroupRange`.
///
/// Key groups are the unit of state redistribution: rescaling reassigns whole ranges, so keyed
/// state never has to be rehashed.
public struct KeyGroupRange: Sequence, Equatable, Sendable, CustomStringConvertible {
    /// First key group in the range.
    public let start: Int
    /// Last key group in the range, inclusive; `start - 1` for an empty range.
    public let end: Int

    /// A range from `start` through `end`; `end == start - 1` makes an empty range.
    @inlinable
    public init(start: Int, end: Int) {
        precondition(start >= 0, "key group range start \(start) is negative")
        precondition(end >= start - 1, "key group range end \(end) is before start \(start) - 1")
        self.start = start
        self.end = end
    }

    /// The range with no key groups.
    public static let empty = KeyGroupRange(start: 0, end: -1)

    /// Number of key groups in the range.
    @inlinable
    public var count: Int { end - start + 1 }

    @inlinable
    public var isEmpty: Bool { count == 0 }

    @inlinable
    public var underestimatedCount: Int { count }

    /// Whether `keyGroup` is in the range; O(1), unlike `Sequence.contains`.
    @inlinable
    public func contains(_ keyGroup: Int) -> Bool {
        keyGroup >= start && keyGroup <= end
    }

    @inlinable
    public func makeIterator() -> Range<Int>.Iterator {
        (start..<(end + 1)).makeIterator()
    }

    public var description: String { "KeyGroupRange[\(start), \(end)]" }
}
