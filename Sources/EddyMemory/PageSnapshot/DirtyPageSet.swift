/// Which pages of a paged structure (hash table, sketch) changed since the last snapshot: one bit
/// per page, so marking a page on the per-record path is one OR into a word.
///
/// Thread-safety: a value type owned by its structure, confined to the structure's thread.
public struct DirtyPageSet: Sendable, Hashable {
    @usableFromInline var words: [UInt64]
    /// Pages covered (marking beyond it is a precondition failure in debug builds).
    public private(set) var pageCount: Int

    /// - Parameter allDirty: whether every page starts marked (a new structure must be written whole).
    public init(pageCount: Int, allDirty: Bool) {
        self.pageCount = pageCount
        words = [UInt64](repeating: allDirty ? ~0 : 0, count: (pageCount + 63) / 64)
        if allDirty { clearBeyondEnd() }
    }

    /// Marks `page` changed.
    /// - Complexity: O(1); a load when the page is marked already.
    @inlinable @inline(__always)
    public mutating func insert(_ page: Int) {
        #if EDDY_INTERNAL_CHECKS
        precondition(page >= 0 && page < pageCount, "page \(page) outside 0..<\(pageCount)")
        #endif
        // Read first: a page already marked (the usual case between snapshots) costs no
        // uniqueness check of the words.
        let bit: UInt64 = 1 &<< UInt64(page & 63)
        guard words.withUnsafeBufferPointer({ $0[page &>> 6] & bit }) == 0 else { return }
        words.withUnsafeMutableBufferPointer { $0[page &>> 6] |= bit }
    }

    public func contains(_ page: Int) -> Bool { words[page >> 6] & (1 << UInt64(page & 63)) != 0 }

    /// The number of marked pages.
    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The marked pages in increasing order.
    public var pages: [Int] {
        var result: [Int] = []
        for (index, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                result.append(index * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return result
    }

    /// The marked pages, unmarking them (what a snapshot takes).
    public mutating func take() -> [Int] {
        defer { removeAll() }
        return pages
    }

    /// Unmarks everything.
    public mutating func removeAll() {
        for index in words.indices { words[index] = 0 }
    }

    /// Covers `pageCount` pages now; `allDirty` marks every page (after a rehash moved every entry).
    public mutating func resize(to pageCount: Int, allDirty: Bool) {
        self = DirtyPageSet(pageCount: pageCount, allDirty: allDirty)
    }

    private mutating func clearBeyondEnd() {
        let used = pageCount & 63
        if used != 0 { words[words.count - 1] &= (1 << UInt64(used)) - 1 }
    }
}
