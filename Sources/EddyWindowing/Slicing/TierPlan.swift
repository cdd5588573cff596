/// How the slicing operator pre-combines slices: blocks of `blockSize` consecutive slices
/// (aligned to multiples of it), built when a window first covers one whole. A window of n
/// slices then merges at most about n / b blocks plus 2·b slices at its edges, 2·√n for
/// b = √n: 38 instead of 360 for an hour in 10 s slices.
struct TierPlan: Sendable {
    let blockSize: Int64?

    init(layout: SliceLayout) {
        let slices = layout.maxSlicesPerWindow
        blockSize = slices >= 16 ? Int64(Double(slices).squareRoot().rounded()) : nil
    }

    /// Calls `slice` for the slices and `block` for the blocks that together cover `[first, end)`,
    /// in time order; `block` returns false when the block is unavailable (its slices are used).
    func cover(from first: Int64, to end: Int64, slice: (Int64) throws -> Void, block: (Int64) throws -> Bool) rethrows {
        var index = first
        while index < end {
            if let size = blockSize, floorModulo(index, size) == 0, index + size <= end, try block(floorDivide(index, size)) {
                index += size
                continue
            }
            try slice(index)
            index += 1
        }
    }

    /// The slices of block `block`.
    func slices(ofBlock block: Int64) -> Range<Int64> {
        guard let size = blockSize else { return block..<(block + 1) }
        return (block * size)..<(block * size + size)
    }

    /// The block holding slice `index`.
    func block(ofSlice index: Int64) -> Int64? { blockSize.map { floorDivide(index, $0) } }
}
