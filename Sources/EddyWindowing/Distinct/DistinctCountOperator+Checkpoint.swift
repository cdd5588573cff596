import EddyCore
import EddyMemory
import EddyRuntime
import EddyState

extension DistinctCountOperator {
    /// The synchronous part copies the pages changed since the last snapshot (``IncrementalPageSnapshots``);
    /// the asynchronous part writes them as one shared page file (`shared/<op>-<subtask>-<state>-chk<n>.pages`),
    /// then the manifest (`chk-<n>/<op>-<subtask>-<state>.manifest`). The raw keyed state handle
    /// lists the manifest first, then every page file it refers to.
    public func snapshotState(_ request: SnapshotRequest) throws -> PendingSnapshot {
        let (structures, extra) = counter.snapshotContents()
        return paged.snapshot(request, structures: structures, extra: extra, keyGroupRange: keyGroupRange)
    }

    public func notifyCheckpointComplete(_ checkpointID: Int64) throws {
        paged.notifyComplete(checkpointID)
    }

    /// Restores the counter from the raw keyed state of `restore` (the spill store's keyed state is
    /// restored with its backend, by the keyed operator). The subtask's own snapshot comes back
    /// page for page and later snapshots go on from its files; after a rescale the counter takes
    /// what belongs to its key groups from every old subtask's snapshot
    /// (``SlidingDistinctCounter/restore(rescaling:owns:)``).
    /// - Throws: ``DistinctCountError`` (`unsupportedRestore`) when the state comes from another
    ///   method or other windows; storage and checksum errors naming the file.
    public func restore(from restore: OperatorRestore) throws {
        let handles = restore.rawKeyedState(named: Counter.stateName)
        guard !handles.isEmpty else {
            if let other = restore.rawKeyedState.first(where: { $0.name.hasPrefix("distinct-") }) {
                throw DistinctCountError(
                    .unsupportedRestore, "the snapshot holds '\(other.name)' state, this operator counts with '\(Counter.stateName)'",
                    operatorName: name)
            }
            return
        }
        do {
            if handles.count == 1, handles[0].keyGroupRange == keyGroupRange {
                let (manifest, structures) = try paged.restore(handles[0], storage: restore.storage, adopt: true)
                return try counter.restore(structures: structures, extra: manifest.extra)
            }
            let parts = try handles.map { handle in
                let (manifest, structures) = try paged.restore(handle, storage: restore.storage, adopt: false)
                return RestoredCounterPart(
                    structures: structures, extra: manifest.extra, takesSketches: keyGroupRange.contains(handle.keyGroupStart))
            }
            let (range, maxParallelism) = (keyGroupRange, self.maxParallelism)
            try counter.restore(rescaling: parts) { user in
                range.contains(KeyGroupRangeAssignment.keyGroup(
                    for: Int64(bitPattern: user), serializer: Int64.streamSerializer, maxParallelism: maxParallelism))
            }
        } catch var error as DistinctCountError {
            error.operatorName = error.operatorName ?? name
            throw error
        }
    }
}
