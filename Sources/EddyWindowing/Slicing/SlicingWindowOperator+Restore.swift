import EddyCore
import EddyRuntime
import EddyState

extension SlicingWindowOperator {
    /// Restores the slices of `handles` (the raw keyed state of old subtasks whose key groups
    /// overlap this one's), keeping the keys of this subtask's key groups. Call before the first
    /// element. Restored slices count as committed: the next checkpoint refers to their files
    /// until they change. Spilled partials come back with the keyed backend.
    /// - Throws: ``WindowingError`` `.corruptSnapshot` when a file does not verify or parse, or was
    ///   written for other windows or another max parallelism; what the storage throws.
    public func restore(from handles: [RawKeyedStateHandle], storage: any CheckpointStorage) throws {
        var progressByKeyGroup: [Int: Int64] = [:]
        let range = backend.keyGroupRange
        for handle in handles where handle.name == SlicingSnapshotNames.slices {
            guard let progressFile = handle.files.first else { continue }
            let progress = try SlicingSnapshotFormat.decodeProgress(try storage.read(progressFile), path: progressFile.path)
            guard progress.layout == layout, progress.maxParallelism == backend.maxParallelism else {
                throw SlicingSnapshotFormat.corrupt(
                    "checkpoint of \(progress.layout) windows with max parallelism \(progress.maxParallelism) restored into \(layout) with \(backend.maxParallelism)",
                    progressFile.path)
            }
            for keyGroup in handle.keyGroupRange where range.contains(keyGroup) { progressByKeyGroup[keyGroup] = progress.firedUpTo }
            let whole = handle.keyGroupRange == range
            for entry in progress.slices {
                guard entry.file >= 1 && entry.file < handle.files.count else {
                    throw SlicingSnapshotFormat.corrupt("slice \(entry.index) refers to file \(entry.file) of \(handle.files.count)", progressFile.path)
                }
                let file = handle.files[entry.file]
                let (index, entries) = try SlicingSnapshotFormat.decodeSlice(try storage.read(file), path: file.path)
                guard index == entry.index else {
                    throw SlicingSnapshotFormat.corrupt("file holds slice \(index), the progress file says \(entry.index)", file.path)
                }
                let slice = self.slice(at: index)
                slice.spilled = slice.spilled || entry.spilled
                for (bits, bytes) in entries where whole || range.contains(keyGroupOfBits(bits)) {
                    var reader = ByteArrayReader(bytes)
                    let accumulator: Accumulator
                    do { accumulator = try readAccumulator(&reader) } catch {
                        throw SlicingSnapshotFormat.corrupt("an accumulator of slice \(index) does not decode: \(error)", file.path)
                    }
                    try restore(accumulator, bits: bits, into: slice)
                }
                // Kept whole, the slice is the file: the next checkpoint need not write it again.
                slice.committed = whole && handles.count == 1 ? (file, slice.version) : nil
            }
        }
        let fired = Set(progressByKeyGroup.values)
        firedUpTo = fired.min() ?? Int64.min
        if fired.count > 1, let upTo = fired.max() { restoredProgress = (progressByKeyGroup, upTo) }
    }

    private func restore(_ accumulator: Accumulator, bits: UInt64, into slice: Slice<Partials>) throws {
        if try slice.partials.update(bits, { _ in accumulator }) { return }
        slice.spilled = true
        backend.setCurrentKey(try decodeKey(bits))
        spill.setCurrentNamespace(slice.index)
        try spill.update(accumulator)
    }
}
