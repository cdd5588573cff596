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
        /// Incremental: per key group, a shared base or delta file or the unchanged chain (`plan`,
        /// by key-group index); the resulting chains go to `tracker`.
        case chains(plan: [KeyGroupPlan], tracker: IncrementalSnapshotTracker.WrittenChains)
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
        var written: [StateFileHandle] = []
        let files: [StateFileHandle]
        do {
            switch layout {
            case .singleFile(let path):
                var handle = try storage.write(serialize(keyGroupIndices), to: path)
                handle.keyGroups = keyGroupIndices.map { keyGroupRange.start + $0 }
                written.append(handle)
                files = written
            case .chains(let plan, let tracker):
                let chains = try writeChains(plan, written: &written)
                tracker.record(checkpointID: checkpointID, chains: chains)
                // By key group, each chain base first: the order restore applies them in.
                files = chains.flatMap { $0?.files ?? [] }
            }
        } catch {
            for file in written { storage.delete(relativePath: file.path) }
            throw error
        }
        return KeyedStateHandle(
            format: .keyGroupFiles, backend: backendName, keyGroupRange: keyGroupRange,
            maxParallelism: maxParallelism, states: sources.map(\.metaInfo), files: files,
            newBytes: written.reduce(0) { $0 + $1.size })
    }

    /// Writes the base and delta files `plan` asks for, appending each to `written` as soon as it
    /// is stored (so a failure can delete it).
    /// - Returns: every key group's chain after this checkpoint, by key-group index.
    private func writeChains(_ plan: [KeyGroupPlan], written: inout [StateFileHandle]) throws -> [FileChain?] {
        var chains: [FileChain?] = Array(repeating: nil, count: plan.count)
        for (index, step) in plan.enumerated() {
            let keyGroup = keyGroupRange.start + index
            let path = "\(CheckpointStorageLocation.sharedDirectory)/\(filePrefix)-kg\(keyGroup)-chk\(checkpointID)"
            switch step {
            case .empty:
                continue
            case .reuse(let chain):
                chains[index] = chain
            case .base:
                var handle = try storage.write(serialize([index]), to: path + ".kg")
                handle.keyGroups = [keyGroup]
                written.append(handle)
                chains[index] = FileChain(base: handle)
            case .delta(let chain):
                var handle = try storage.write(serializeChanges(index), to: path + ".delta")
                handle.keyGroups = [keyGroup]
                written.append(handle)
                chains[index] = chain.appending(delta: handle)
            }
        }
        return chains
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

    /// A delta file of one key group: every state's changed entries and tombstones.
    private func serializeChanges(_ index: Int) -> [UInt8] {
        var file = KeyGroupStateFileWriter(states: sources.map(\.metaInfo), maxParallelism: maxParallelism, isDelta: true)
        var scratch = EntryScratch()
        file.beginKeyGroup(keyGroupRange.start + index)
        for (stateIndex, source) in sources.enumerated() {
            source.writeChanges(keyGroupIndex: index, stateIndex: stateIndex, into: &file, scratch: &scratch)
        }
        return file.finish()
    }
}
