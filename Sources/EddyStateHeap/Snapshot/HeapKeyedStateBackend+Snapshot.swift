import EddyCore
import EddyState

extension HeapKeyedStateBackend {
    /// Takes a snapshot. The synchronous part (now, on the task thread) takes copy-on-write copies
    /// of the key groups to write, O(key groups) whatever the state's size; the returned job
    /// serializes and writes them on any thread while the task goes on writing state.
    ///
    /// - Checkpoint, ``SnapshotMode/full``: all key groups into `chk-<id>/<prefix>.kg`.
    /// - Checkpoint, ``SnapshotMode/incremental``: each key group changed since the last completed
    ///   checkpoint into `shared/<prefix>-kg<group>-chk<id>.kg`; the others reference the files of
    ///   earlier checkpoints.
    /// - Canonical savepoint: all key groups into `chk-<id>/<prefix>.savepoint.kg`.
    ///
    /// - Throws: nothing in the synchronous part; the job throws ``StateError`` from storage.
    public func snapshot(
        checkpointID: Int64, kind: SnapshotKind, location: CheckpointStorageLocation
    ) throws -> SnapshotInProgress {
        precondition(!isDisposed, "snapshot of a disposed backend")
        let started = ContinuousClock.now
        let isIncremental = kind == .checkpoint && mode == .incremental
        let indices: [Int]
        let layout: HeapSnapshotJob.Layout
        if isIncremental {
            let plan = planIncremental(checkpointID: checkpointID)
            indices = plan.write
            layout = .filePerKeyGroup(reused: plan.reused, tracker: incremental.written)
        } else {
            indices = Array(0..<keyGroupRange.count)
            let name = kind == .canonicalSavepoint ? "\(parameters.filePrefix).savepoint.kg" : "\(parameters.filePrefix).kg"
            layout = .singleFile(path: "\(location.exclusiveDirectory)/\(name)")
        }
        var sources: [any KeyGroupSnapshotSource] = registrationOrder.map {
            registered[$0]!.table.snapshot(keyGroupIndices: indices)
        }
        // Restored, unregistered states go out as the bytes they came in as.
        sources += restored.keys.sorted().map { restored[$0]! as any KeyGroupSnapshotSource }
        let job = HeapSnapshotJob(
            checkpointID: checkpointID, backendName: mode.backendName, filePrefix: parameters.filePrefix,
            storage: parameters.storage, keyGroupRange: keyGroupRange, maxParallelism: maxParallelism,
            sources: sources, keyGroupIndices: indices,
            cleanupAt: isIncremental ? nil : parameters.clock.currentTimeMillis(), layout: layout)
        let elapsed = ContinuousClock.now - started
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        return SnapshotInProgress(
            checkpointID: checkpointID, synchronousNanoseconds: UInt64(max(0, nanoseconds)),
            asynchronousPart: { try job.run() })
    }

    /// Chooses the key groups an incremental checkpoint writes: those whose modification counter
    /// moved since the last completed checkpoint that wrote them, unless now empty (no file needed).
    /// Records the counters, so writes after this point keep their groups dirty.
    private func planIncremental(checkpointID: Int64) -> (write: [Int], reused: [StateFileHandle]) {
        var write: [Int] = []
        var reused: [StateFileHandle] = []
        var dirty: [Int: UInt64] = [:]
        for index in 0..<keyGroupRange.count {
            let baseline = incremental.baselines[index]
            if context.modifications[index] == baseline.modifications {
                if let file = baseline.file { reused.append(file) }
                continue
            }
            dirty[index] = context.modifications[index]
            if !isKeyGroupEmpty(index) { write.append(index) }
        }
        incremental.begin(checkpointID: checkpointID, dirty: dirty)
        return (write, reused)
    }

    private func isKeyGroupEmpty(_ index: Int) -> Bool {
        registered.values.allSatisfy { $0.table.isEmpty(keyGroupIndex: index) }
            && restored.values.allSatisfy { $0.entries[index].isEmpty }
    }
}
