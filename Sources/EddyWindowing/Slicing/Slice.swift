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
