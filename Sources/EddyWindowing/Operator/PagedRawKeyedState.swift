import Synchronization
import EddyCore
import EddyMemory
import EddyRuntime
import EddyState

/// An operator's paged structures (segment hash tables, sketches) checkpointed incrementally as one
/// raw keyed state handle: the synchronous part copies the pages changed since the last snapshot
/// (``IncrementalPageSnapshots``); the asynchronous part writes them as one shared page file
/// (`shared/<op>-<subtask>-<name>-chk<n>.pages`), then the manifest
/// (`chk-<n>/<op>-<subtask>-<name>.manifest`). The handle lists the manifest first, then every
/// page file it refers to.
///
/// Thread-safety: the task thread, except the asynchronous parts of snapshots (which share only
/// the file handles, behind a mutex).
final class PagedRawKeyedState {
    let name: String
    let snapshots = IncrementalPageSnapshots()
    /// Page files referenced by the newest snapshot, shared with its asynchronous part.
    let files = SnapshotFileHandles()
    /// The error for a snapshot that does not hold together.
    let corrupt: @Sendable (String) -> any Error

    init(name: String, corrupt: @escaping @Sendable (String) -> any Error) {
        self.name = name
        self.corrupt = corrupt
    }

    func snapshot(
        _ request: SnapshotRequest, structures: [PagedStructureSource], extra: [UInt8], keyGroupRange: KeyGroupRange
    ) -> PendingSnapshot {
        let start = monotonicNanoseconds()
        let prefix = "\(request.operatorID)-\(request.subtaskIndex)-\(name)"
        let pagePath = "\(CheckpointStorageLocation.sharedDirectory)/\(prefix)-chk\(request.checkpointID).pages"
        let manifestPath = "\(request.location.exclusiveDirectory)/\(prefix).manifest"
        let prepared = snapshots.prepare(checkpointID: request.checkpointID, structures: structures, pageFilePath: pagePath, extra: extra)
        let known = files.retain(Set(prepared.manifest.files))
        let storage = request.location.storage
        let (files, name, corrupt) = (self.files, self.name, self.corrupt)
        return PendingSnapshot(synchronousNanoseconds: monotonicNanoseconds() - start) {
            var handles = known
            if !prepared.pageFile.isEmpty {
                let handle = try storage.write(prepared.pageFile, to: pagePath)
                files.add(handle)
                handles[pagePath] = handle
            }
            let manifest = try storage.write(prepared.manifest.bytes, to: manifestPath)
            let referenced = try prepared.manifest.files.map { path in
                guard let handle = handles[path] else { throw corrupt("snapshot refers to page file \(path), whose handle is unknown") }
                return handle
            }
            return OperatorSubtaskState(rawKeyedState: [RawKeyedStateHandle(name: name, keyGroupRange: keyGroupRange, files: [manifest] + referenced)])
        }
    }

    func notifyComplete(_ checkpointID: Int64) { snapshots.notifyComplete(checkpointID) }

    /// Reads one handle's manifest and pages (each page's checksum verified).
    /// - Parameters:
    ///   - adopt: whether later snapshots go on from this one (the handle is this subtask's whole
    ///     state); otherwise it is only read.
    func restore(
        _ handle: RawKeyedStateHandle, storage: any CheckpointStorage, adopt: Bool
    ) throws -> (manifest: PageSnapshotManifest, structures: [String: RestoredPagedStructure]) {
        guard let manifestHandle = handle.files.first else { throw corrupt("\(name) state without a manifest") }
        let manifest = try PageSnapshotManifest(bytes: try storage.read(manifestHandle), path: manifestHandle.path)
        let pageFiles = Array(handle.files.dropFirst())
        let byPath = Dictionary(pageFiles.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        let reader = adopt ? snapshots : IncrementalPageSnapshots()
        let structures = try reader.restore(manifest) { path in
            guard let file = byPath[path] else { throw corrupt("manifest \(manifestHandle.path) refers to \(path), which the handle does not list") }
            return try storage.read(file)
        }
        if adopt { files.replaceAll(pageFiles) }
        return (manifest, structures)
    }
}

/// The handles of the page files an operator's snapshots refer to, by path: added by asynchronous
/// snapshot parts, pruned by the next synchronous part.
///
/// Thread-safety: one mutex.
final class SnapshotFileHandles: Sendable {
    private let handles = Mutex<[String: StateFileHandle]>([:])

    func add(_ handle: StateFileHandle) { handles.withLock { $0[handle.path] = handle } }

    func replaceAll(_ new: [StateFileHandle]) {
        handles.withLock { $0 = Dictionary(new.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a }) }
    }

    /// Keeps only `paths` and returns the handles of those present.
    func retain(_ paths: Set<String>) -> [String: StateFileHandle] {
        handles.withLock { handles in
            handles = handles.filter { paths.contains($0.key) }
            return handles
        }
    }
}
