import EddyCore
import EddyState

/// The asynchronous part of a heap snapshot: serializes the frozen key groups into key-group state
/// files (``CanonicalStateFormat``) and writes them to checkpoint storage.
///
/// Thread-safety: `Sendable`; touches only the frozen sources, immutable configuration and the
/// thread-safe storage and tracker.
struct HeapSnapshotJob: Sendable {
    enum Layout: Sendable {
        /// All key groups in one exclusive file at `path` (full checkpoints and savepoints).
        case singleFile(path: String)
        /// One shared file per written key group; `reused` are unchanged groups' earlier files.
        case filePerKeyGroup(reused: [StateFileHandle], tracker: IncrementalSnapshotTracker.WrittenFiles)
    }

    let checkpointID: Int64
    let backendName: String
    let filePrefix: String
    let storage: any CheckpointStorage
    let keyGroupRange: KeyGroupRange
    let maxParallelism: Int
    let sources: [any KeyGroupSnapshotSource]
    /// Key-group indices (relative to the range) to write.
    let keyGroupIndices: [Int]
    /// Set for full snapshots: entries expired by then are left out (TTL `cleanupInFullSnapshot`).
    let cleanupAt: Int64?
    let layout: Layout

    /// Writes the files and describes them.
    /// - Throws: ``StateError`` from storage; files already written by this run are deleted.
    func run() throws -> KeyedStateHandle {
        var written: [(index: Int, handle: StateFileHandle)] = []
        do {
            switch layout {
            case .singleFile(let path):
                var handle = try storage.write(serialize(keyGroupIndices), to: path)
                handle.keyGroups = keyGroupIndices.map { keyGroupRange.start + $0 }
                written.append((-1, handle))
            case .filePerKeyGroup:
                for index in keyGroupIndices {
                    let keyGroup = keyGroupRange.start + index
                    let path = "\(CheckpointStorageLocation.sharedDirectory)/\(filePrefix)-kg\(keyGroup)-chk\(checkpointID).kg"
                    var handle = try storage.write(serialize([index]), to: path)
                    handle.keyGroups = [keyGroup]
                    written.append((index, handle))
                }
            }
        } catch {
            for file in written { storage.delete(relativePath: file.handle.path) }
            throw error
        }
        var files = written.map(\.handle)
        if case .filePerKeyGroup(let reused, let tracker) = layout {
            tracker.record(
                checkpointID: checkpointID,
                files: Dictionary(uniqueKeysWithValues: written.map { ($0.index, $0.handle) }))
            files = (files + reused).sorted { ($0.keyGroups?.first ?? 0) < ($1.keyGroups?.first ?? 0) }
        }
        return KeyedStateHandle(
            format: .keyGroupFiles, backend: backendName, keyGroupRange: keyGroupRange,
            maxParallelism: maxParallelism, states: sources.map(\.metaInfo), files: files,
            newBytes: written.reduce(0) { $0 + $1.handle.size })
    }

    /// One file holding the given key groups of every state.
    private func serialize(_ indices: [Int]) -> [UInt8] {
        var file = KeyGroupStateFileWriter(states: sources.map(\.metaInfo), maxParallelism: maxParallelism)
        var scratch = EntryScratch()
        for index in indices {
            file.beginKeyGroup(keyGroupRange.start + index)
            for (stateIndex, source) in sources.enumerated() {
                source.write(keyGroupIndex: index, stateIndex: stateIndex, cleanupAt: cleanupAt, into: &file, scratch: &scratch)
            }
        }
        return file.finish()
    }
}
