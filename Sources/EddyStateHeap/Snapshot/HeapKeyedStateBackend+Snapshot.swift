import EddyCore
import EddyState

extension HeapKeyedStateBackend {
    /// Takes a snapshot. The synchronous part (now, on the task thread) takes copy-on-write copies
    /// of the key groups to write, O(key groups × states) whatever the state's size or the number
    /// of changes; the returned job serializes and writes them on any thread while the task goes on
    /// writing state.
    ///
    /// - Checkpoint, ``SnapshotMode/full``: all key groups into `chk-<id>/<prefix>.kg`.
    /// - Checkpoint, ``SnapshotMode/incremental``: per key group changed since the last completed
    ///   checkpoint, a delta file `shared/<prefix>-kg<group>-chk<id>.delta` with the changed
    ///   entries (tombstones for removed ones), or a new base `shared/<prefix>-kg<group>-chk<id>.kg`
    ///   with all of them when the group has none yet or its chain is due for compaction
    ///   (``IncrementalSnapshotTracker/compacts(_:changed:entries:)``); unchanged groups reference
    ///   their chains.
    /// - Canonical savepoint: all key groups into `chk-<id>/<prefix>.savepoint.kg`.
    ///
    /// - Throws: nothing in the synchronous part; the job throws ``StateError`` from storage.
    public func snapshot(
        checkpointID: Int64, kind: SnapshotKind, location: CheckpointStorageLocation
    ) throws -> SnapshotInProgress {
        precondition(!isDisposed, "snapshot of a disposed backend")
        let started = ContinuousClock.now
        let isIncremental = kind == .checkpoint && mode == .incremental
        var indices: [Int] = []
        var deltas: Set<Int> = []
        let layout: HeapSnapshotJob.Layout
        let changesAfter = incremental.committedCheckpointID
        if isIncremental {
            let plan = planIncremental(checkpointID: checkpointID)
            for (index, step) in plan.enumerated() {
                switch step {
                case .base: indices.append(index)
                case .delta: indices.append(index); deltas.insert(index)
                case .empty, .reuse: break
                }
            }
            layout = .chains(plan: plan, tracker: incremental.written)
        } else {
            indices = Array(0..<keyGroupRange.count)
            let name = kind == .canonicalSavepoint ? "\(parameters.filePrefix).savepoint.kg" : "\(parameters.filePrefix).kg"
            layout = .singleFile(path: "\(location.exclusiveDirectory)/\(name)")
        }
        var sources: [any KeyGroupSnapshotSource] = registrationOrder.map {
            registered[$0]!.table.snapshot(keyGroupIndices: indices, deltas: deltas, changesAfter: changesAfter)
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

    /// Chooses what an incremental checkpoint writes per key group (see ``KeyGroupPlan``), closes
    /// the states' change segments, so writes after this point go into the next delta, and starts
    /// tracking changed keys if it had not yet.
    /// - Complexity: O(key groups × states).
    private func planIncremental(checkpointID: Int64) -> [KeyGroupPlan] {
        let after = incremental.committedCheckpointID
        let tables = registered.values.map(\.table)
        for table in tables { table.closeChangeSegment(checkpointID: checkpointID) }
        context.tracksKeys = true
        var plan: [KeyGroupPlan] = []
        plan.reserveCapacity(keyGroupRange.count)
        for index in 0..<keyGroupRange.count {
            let empty = isKeyGroupEmpty(index)
            guard let chain = incremental.committed[index] else {
                plan.append(empty ? .empty : .base)
                continue
            }
            let changed = tables.reduce(0) { $0 + $1.changedCount(keyGroupIndex: index, after: after) }
            if changed == 0 {
                plan.append(.reuse(chain))
            } else if empty {
                plan.append(.empty)
            } else {
                let entries = tables.reduce(0) { $0 + $1.entryCount(keyGroupIndex: index) }
                plan.append(IncrementalSnapshotTracker.compacts(chain, changed: changed, entries: entries) ? .base : .delta(onto: chain))
            }
        }
        return plan
    }

    private func isKeyGroupEmpty(_ index: Int) -> Bool {
        registered.values.allSatisfy { $0.table.isEmpty(keyGroupIndex: index) }
            && restored.values.allSatisfy { $0.entries[index].isEmpty }
    }
}
