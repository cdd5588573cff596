extension OperatorStateBackend {
    /// Restores subtask `subtaskIndex` of `parallelism` from the snapshots of all old subtasks,
    /// redistributing as ``OperatorStateRepartitioner`` describes. Reads only the files this subtask
    /// needs, verifies each against its handle (size, checksum, and the states it announces) and
    /// parses it before anything is built: it succeeds whole or throws. Elements stay bytes until
    /// their state is registered.
    /// - Parameters:
    ///   - handles: one per old subtask, in any order (an old parallelism of 0 restores nothing).
    ///   - storage: where the files are.
    ///   - subtaskIndex: the new subtask, in `0..<parallelism`.
    ///   - parallelism: the new parallelism.
    /// - Throws: ``StateError`` `.missingFile` or `.corruptSnapshot` naming the file; `.corruptSnapshot`
    ///   when two handles claim the same subtask or disagree on a state's mode.
    /// - Complexity: O(n) in the elements of the files read.
    public convenience init(
        restoring handles: [OperatorStateHandle], storage: any CheckpointStorage, subtaskIndex: Int, parallelism: Int
    ) throws {
        precondition(
            parallelism > 0 && subtaskIndex >= 0 && subtaskIndex < parallelism,
            "subtask \(subtaskIndex) of \(parallelism)")
        let sorted = handles.sorted { $0.subtaskIndex < $1.subtaskIndex }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.subtaskIndex == next.subtaskIndex {
            throw StateError(
                .corruptSnapshot,
                "two operator state snapshots of subtask \(next.subtaskIndex) (the other: \(previous.file.path))",
                path: next.file.path)
        }
        let plans = try OperatorStateRepartitioner.plan(sorted, subtaskIndex: subtaskIndex, parallelism: parallelism)

        var files: [Int: [String: SerializedOperatorState]] = [:]
        for position in Set(plans.values.flatMap { $0.takes.map(\.handle) }).sorted() {
            files[position] = try Self.load(sorted[position], from: storage)
        }
        var restored: [String: SerializedOperatorState] = [:]
        for (name, plan) in plans {
            var state = SerializedOperatorState(name: name, mode: plan.mode)
            for take in plan.takes {
                // load(_:from:) checked every announced state is in the file with its count.
                let source = files[take.handle]![name]!
                if plan.mode.isMap {
                    state.entries += source.entries[take.range]
                } else {
                    state.elements += source.elements[take.range]
                }
            }
            restored[name] = state
        }
        self.init(restored: restored)
    }

    /// Reads and parses one handle's file and checks it holds exactly the states the handle names.
    private static func load(
        _ handle: OperatorStateHandle, from storage: any CheckpointStorage
    ) throws -> [String: SerializedOperatorState] {
        let bytes = try storage.read(handle.file)
        let states = try OperatorStateFileReader.read(bytes, path: handle.file.path)
        let found = states.map { OperatorStateHandle.StateInfo(name: $0.name, mode: $0.mode, count: $0.count) }
        guard found == handle.states else {
            throw StateError(
                .corruptSnapshot, "operator state file holds \(found), its handle announced \(handle.states)",
                path: handle.file.path)
        }
        return Dictionary(uniqueKeysWithValues: states.map { ($0.name, $0) })
    }
}
