import EddyState

/// A deployed job's checkpoint machinery: the coordinator and the writer of snapshot files.
final class JobCheckpoints: Sendable {
    let writer: CheckpointWriter
    let coordinator: CheckpointCoordinator
    let storage: any CheckpointStorage

    /// - Throws: ``JobGraphError`` when the config names no storage.
    init(
        jobID: String, config: CheckpointConfig, tasks: [StreamTask], parallelism: [String: Int], maxParallelism: Int,
        ids: CheckpointIDCounter
    ) throws {
        guard let storage = config.storage else { throw JobGraphError("checkpointing is enabled but has no checkpoint storage") }
        self.storage = storage
        writer = CheckpointWriter(jobID: jobID)
        coordinator = CheckpointCoordinator(
            jobID: jobID, config: config, tasks: tasks, parallelism: parallelism, maxParallelism: maxParallelism, ids: ids)
    }

    func taskCheckpointing(
        task: StreamTask, subtask: Int, parts: [TaskCheckpointing.Part], headOperatorID: String
    ) -> TaskCheckpointing {
        TaskCheckpointing(
            taskKey: task.key, subtaskIndex: subtask, parts: parts, headOperatorID: headOperatorID,
            storage: storage, writer: writer, responder: coordinator)
    }

    /// The job ended: let snapshot writes finish, then abort what is still pending.
    func end() {
        writer.drain()
        coordinator.shutdown()
    }
}

extension JobDeployment {
    /// Hands a restored unaligned checkpoint's in-flight data to the task's input gates, to be
    /// processed before their channels' new data.
    /// - Throws: ``StateError`` for a missing or corrupt file; ``CheckpointError`` when it names a
    ///   channel the task does not have.
    static func replayChannelState(_ restore: OperatorRestore, into gates: [InputProcessor], task: String) throws {
        for file in restore.channelState {
            let channels = try ChannelStateFile.decode(try restore.storage.read(file), path: file.path)
            for (channel, bytes) in channels {
                var index = channel
                guard let gate = gates.first(where: { gate in
                    if index < gate.channelCount { return true }
                    index -= gate.channelCount
                    return false
                }) else {
                    throw CheckpointError(
                        .restoreMismatch, "\(file.path) holds channel \(channel), task '\(task)' has fewer input channels",
                        checkpointID: restore.checkpointID)
                }
                gate.replay(bytes, channel: index)
            }
        }
    }
}
