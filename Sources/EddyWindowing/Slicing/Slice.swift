import EddyState

/// The partials of one slice (or of a block of slices pre-combined) and what checkpoints need to
/// know of it.
///
/// Thread-safety: one task thread.
final class Slice<Partials: SlicePartials> {
    /// The slice index (for a block: the block index).
    let index: Int64
    let partials: Partials
    /// Some keys of the slice live in the keyed backend because the budget ran out.
    var spilled = false
    /// Bumped by every write, so a checkpoint knows whether the slice changed since the file it
    /// last completed.
    var version: UInt64 = 1
    /// The file of the last completed checkpoint that holds this slice, with the version written.
    var committed: (file: StateFileHandle, version: UInt64)?

    init(index: Int64, partials: Partials) {
        self.index = index
        self.partials = partials
    }
}

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
