import EddyMemory

extension StreamTask {
    /// The barrier handler over this task's inputs, acting through `checkpointing`.
    func makeBarrierHandler(_ checkpointing: TaskCheckpointing, alignmentTimeoutNanoseconds: UInt64?) -> CheckpointBarrierHandler {
        CheckpointBarrierHandler(
            inputs: inputs, alignmentTimeoutNanoseconds: alignmentTimeoutNanoseconds,
            actions: CheckpointBarrierHandler.Actions(
                snapshot: { [unowned self] barrier, alignment in self.takeSnapshot(barrier, alignmentNanoseconds: alignment) },
                channelStateComplete: { id, channels in checkpointing.channelStateComplete(id, channels) },
                decline: { [key] id, reason in
                    checkpointing.forget(id)
                    checkpointing.responder.decline(checkpointID: id, taskKey: key, reason: reason)
                }))
    }

    /// Snapshots the chain and sends the barrier on; a terminating savepoint stops the task once
    /// its outcome is known.
    func takeSnapshot(_ barrier: CheckpointBarrier, alignmentNanoseconds: UInt64) {
        guard let checkpointing else { return }
        checkpointing.snapshot(
            barrier, alignmentNanoseconds: alignmentNanoseconds, awaitChannelState: barrier.options.unaligned && !inputs.isEmpty)
        if barrier.options.kind == .terminatingSavepoint { stopAfterSavepoint = barrier.checkpointID }
    }

    /// Handles every mail posted so far, in order.
    /// - Throws: what an operator's `notifyCheckpointComplete` throws (a sink's failed commit).
    func handleMail() throws {
        for mail in mailbox.takeAll() {
            switch mail {
            case .triggerCheckpoint(let barrier):
                guard let checkpointing else { continue }
                guard source != nil, stopAfterSavepoint == nil else {
                    checkpointing.responder.decline(
                        checkpointID: barrier.checkpointID, taskKey: key,
                        reason: source == nil ? "task \(key) is not a source" : "task \(key) is stopping")
                    continue
                }
                takeSnapshot(barrier, alignmentNanoseconds: 0)
            case .checkpointComplete(let id):
                try checkpointing?.notifyComplete(id)
                if stopAfterSavepoint == id { stopped = true }
            case .checkpointAborted(let id):
                barrierHandler?.abort(id)
                checkpointing?.notifyAborted(id)
                if stopAfterSavepoint == id { stopAfterSavepoint = nil }
            }
        }
    }
}
