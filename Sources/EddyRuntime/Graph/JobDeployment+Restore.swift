extension JobDeployment {
    /// The operator ID of a node: `<node id>-<name>`. Node ids count nodes in the order the program
    /// creates them, so the same program gets the same IDs in every run; renaming an operator or
    /// adding one before it changes them (a restore then reports state it cannot place).
    static func operatorID(of node: LogicalNode) -> String { "\(node.id)-\(node.name)" }

    /// Checks that `restored` fits the graph before anything is built.
    /// - Throws: ``CheckpointError`` `.restoreMismatch` for another max parallelism, state of an
    ///   operator the job lacks (unless allowed), or in-flight data of an exchange whose parallelism
    ///   changed on either side (recorded channels cannot be redistributed).
    static func validate(_ restored: RestoredCheckpoint, plan: ChainPlan, nodes: [LogicalNode], maxParallelism: Int) throws {
        func mismatch(_ message: String) -> CheckpointError {
            CheckpointError(.restoreMismatch, message, checkpointID: restored.checkpointID)
        }
        guard restored.maxParallelism == maxParallelism else {
            throw mismatch("it was taken with max parallelism \(restored.maxParallelism), the job has \(maxParallelism)")
        }
        let ids = Dictionary(uniqueKeysWithValues: nodes.map { (operatorID(of: $0), $0) })
        let byNumber = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0) })
        let unknown = restored.operators.keys.filter { ids[$0] == nil }.sorted()
        if !unknown.isEmpty && !restored.allowNonRestoredState {
            throw mismatch(
                "it holds state of operators the job does not have: \(unknown.joined(separator: ", ")) "
                    + "(operator IDs are `<node number>-<name>`; allow non-restored state to drop it)")
        }
        for (id, states) in restored.operators where states.values.contains(where: { !$0.channelState.isEmpty }) {
            guard let node = ids[id] else { continue }
            let sides = [node.id] + plan.edges[node.id]!.map(\.source)
            for side in sides.compactMap({ byNumber[$0] }) {
                let old = restored.parallelism[operatorID(of: side)], new = plan.parallelism[side.id]!
                guard old == new else {
                    throw mismatch(
                        "operator \(id) has in-flight data of an unaligned checkpoint, and '\(side.name)' changed "
                            + "parallelism (\(old.map(String.init) ?? "unknown") → \(new)); restore from an aligned checkpoint or savepoint")
                }
            }
        }
    }
}
