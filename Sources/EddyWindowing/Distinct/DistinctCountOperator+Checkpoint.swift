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
        let start = monotonicNanoseconds()
        let prefix = "\(request.operatorID)-\(request.subtaskIndex)-\(Counter.stateName)"
        let pagePath = "\(CheckpointStorageLocation.sharedDirectory)/\(prefix)-chk\(request.checkpointID).pages"
        let manifestPath = "\(request.location.exclusiveDirectory)/\(prefix).manifest"
        let (structures, extra) = counter.snapshotContents()
        let prepared = snapshots.prepare(
            checkpointID: request.checkpointID, structures: structures, pageFilePath: pagePath, extra: extra)
        let known = files.retain(Set(prepared.manifest.files))
        let storage = request.location.storage
        let range = keyGroupRange
        let files = self.files
        let stateName = Counter.stateName
        return PendingSnapshot(synchronousNanoseconds: monotonicNanoseconds() - start) {
            var handles = known
            if !prepared.pageFile.isEmpty {
                let handle = try storage.write(prepared.pageFile, to: pagePath)
                files.add(handle)
                handles[pagePath] = handle
            }
            let manifest = try storage.write(prepared.manifest.bytes, to: manifestPath)
            let referenced = try prepared.manifest.files.map { path in
                guard let handle = handles[path] else {
                    throw DistinctCountError(.corruptState, "snapshot refers to page file \(path), whose handle is unknown")
                }
                return handle
            }
            let raw = RawKeyedStateHandle(name: stateName, keyGroupRange: range, files: [manifest] + referenced)
            return OperatorSubtaskState(rawKeyedState: [raw])
        }
    }

    public func notifyCheckpointComplete(_ checkpointID: Int64) throws {
        snapshots.notifyComplete(checkpointID)
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
        guard handles.count == 1, handles[0].keyGroupRange == keyGroupRange, let manifestHandle = handles[0].files.first else {
            throw DistinctCountError(
                .unsupportedRestore,
                "distinct-count state of key groups \(handles.map { "\($0.keyGroupStart)...\($0.keyGroupEnd)" }) cannot restore into \(keyGroupRange.start)...\(keyGroupRange.end) (rescaling is not supported yet)",
                operatorName: name)
        }
        let manifest = try PageSnapshotManifest(bytes: try restore.storage.read(manifestHandle), path: manifestHandle.path)
        let pageFiles = Array(handles[0].files.dropFirst())
        let byPath = Dictionary(pageFiles.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let structures = try snapshots.restore(manifest) { path in
            guard let handle = byPath[path] else {
                throw DistinctCountError(.corruptState, "manifest \(manifestHandle.path) refers to \(path), which the handle does not list")
            }
            return try restore.storage.read(handle)
        }
        try counter.restore(structures: structures, extra: manifest.extra)
        files.replaceAll(pageFiles)
    }
}
