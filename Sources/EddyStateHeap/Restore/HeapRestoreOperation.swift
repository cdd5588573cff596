import EddyCore
import EddyState

/// Reads keyed-state handles into ``RestoredState``s: every file is read (checksum verified) and
/// parsed before anything is returned, so a failure leaves nothing half-restored. Keeps only the
/// key groups of the backend's range, so one or many handles (rescaling) restore the same way.
/// A key group's delta files (incremental checkpoints) follow its base in the handle's file list
/// and are applied on top of it in that order (``DeltaApplication``).
///
/// Thread-safety: runs on the thread that creates the backend.
struct HeapRestoreOperation {
    struct Result {
        var states: [String: RestoredState] = [:]
        /// Key-group index → the restored chain of shared files holding only that group, which
        /// incremental snapshots can go on referencing, or extend with deltas.
        var reusableChains: [Int: FileChain] = [:]
    }

    let keyGroupRange: KeyGroupRange
    let maxParallelism: Int
    let storage: any CheckpointStorage

    /// - Throws: ``StateError``: `.incompatible` for RocksDB-native handles, another max
    ///   parallelism or conflicting state metadata; `.missingFile` / `.corruptSnapshot` from storage
    ///   and the file reader, naming the file.
    func run(_ handles: [KeyedStateHandle]) throws -> Result {
        var result = Result()
        var sourceOfKeyGroup: [Int: String] = [:]
        var readPaths: Set<String> = []
        var deltas: [Int: DeltaApplication] = [:]
        var notReusable: Set<Int> = []
        for handle in handles {
            try check(handle)
            for file in handle.files where !readPaths.contains(file.path) {
                // Files whose key groups all lie outside the range need not even be read.
                if let groups = file.keyGroups, !groups.contains(where: keyGroupRange.contains) { continue }
                readPaths.insert(file.path)
                let reader = try KeyGroupStateFileReader(bytes: try storage.read(file), path: file.path)
                guard reader.maxParallelism == maxParallelism else {
                    throw StateError(
                        .incompatible, "file written with max parallelism \(reader.maxParallelism), backend has \(maxParallelism)",
                        path: file.path)
                }
                let names = try merge(reader.states, from: file.path, into: &result.states)
                for keyGroup in reader.keyGroups where keyGroupRange.contains(keyGroup) {
                    let index = keyGroup - keyGroupRange.start
                    let reusable = file.shared && file.keyGroups == [keyGroup]
                    if reader.isDelta {
                        guard sourceOfKeyGroup[keyGroup] != nil else {
                            throw StateError(
                                .corruptSnapshot, "delta file of key group \(keyGroup) comes before the group's base file",
                                path: file.path)
                        }
                        try deltas[index, default: DeltaApplication()].add(reader, keyGroup: keyGroup, names: names)
                        if reusable, let chain = result.reusableChains[index] {
                            result.reusableChains[index] = chain.appending(delta: file)
                        } else {
                            notReusable.insert(index)
                        }
                        continue
                    }
                    if let other = sourceOfKeyGroup.updateValue(file.path, forKey: keyGroup) {
                        throw StateError(.corruptSnapshot, "key group \(keyGroup) is also in \(other)", path: file.path)
                    }
                    try reader.forEachEntry(inKeyGroup: keyGroup) { entry in
                        result.states[names[entry.stateIndex]]!.entries[index].append(
                            RawStateEntry(key: entry.key, namespace: entry.namespace, mapKey: entry.mapKey, value: entry.value))
                    }
                    if reusable { result.reusableChains[index] = FileChain(base: file) }
                }
            }
        }
        for (index, delta) in deltas { delta.apply(keyGroupIndex: index, to: &result.states) }
        for index in notReusable { result.reusableChains[index] = nil }
        return result
    }

    private func check(_ handle: KeyedStateHandle) throws {
        guard handle.format == .keyGroupFiles else {
            throw StateError(
                .incompatible,
                "a '\(handle.backend)' snapshot in RocksDB's native format cannot be restored into a heap backend; "
                    + "restore from a canonical savepoint instead",
                path: handle.files.first?.path)
        }
        guard handle.maxParallelism == maxParallelism else {
            throw StateError(
                .incompatible,
                "snapshot has max parallelism \(handle.maxParallelism), backend has \(maxParallelism)",
                path: handle.files.first?.path)
        }
    }

    /// Adds a file's states to `states`, checking they agree with the same names in other files.
    /// - Returns: the state names by the file's state index.
    private func merge(_ metas: [StateMetaInfo], from path: String, into states: inout [String: RestoredState]) throws -> [String] {
        for meta in metas {
            if let known = states[meta.name]?.metaInfo {
                guard known == meta else {
                    throw StateError(
                        .incompatible,
                        "state '\(meta.name)' is \(meta.kind)\(meta.hasTTL ? " with TTL" : "") here, "
                            + "\(known.kind)\(known.hasTTL ? " with TTL" : "") in another file",
                        path: path)
                }
            } else {
                states[meta.name] = RestoredState(metaInfo: meta, keyGroupCount: keyGroupRange.count)
            }
            states[meta.name]!.files.insert(path)
        }
        return metas.map(\.name)
    }
}
