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
    /// restored with its backend, by the keyed operator).
    /// - Throws: ``DistinctCountError`` (`unsupportedRestore`) when the state comes from other key
    ///   groups (a rescaled job: not supported yet) or another method; storage and checksum errors
    ///   naming the file.
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
        guard handles.count == 1, handles[0].keyGroupRange == keyGroupRange else {
            throw DistinctCountError(
                .unsupportedRestore,
                "distinct-count state of key groups \(handles.map { "\($0.keyGroupStart)...\($0.keyGroupEnd)" }) cannot restore into \(keyGroupRange.start)...\(keyGroupRange.end) (rescaling is not supported yet)",
                operatorName: name)
        }
        let (manifest, structures) = try paged.restore(handles[0], storage: restore.storage, adopt: true)
        try counter.restore(structures: structures, extra: manifest.extra)
    }
}
