extension CheckpointBarrierHandler {
    /// Takes the snapshot now and records the channels whose barrier has not arrived.
    /// - Parameters:
    ///   - barrier: marked unaligned, so it overtakes the task's queued output.
    ///   - arrived: channels whose barrier arrived, with the in-flight data it overtook.
    func snapshotUnaligned(_ barrier: CheckpointBarrier, arrived: [Int: [UInt8]], start: UInt64) throws {
        if case .aligning(_, let blocked, _) = progress {
            for channel in blocked { setBlocked(channel, false) }
        }
        var pending: [Int: ChannelStateRecorder] = [:]
        for channel in channels.indices where !finished[channel] && arrived[channel] == nil {
            let recorder = ChannelStateRecorder()
            channels[channel].input.startRecording(channels[channel].index, into: recorder)
            pending[channel] = recorder
        }
        let recorded = arrived.filter { !$0.value.isEmpty }
        progress = .recording(checkpointID: barrier.checkpointID, pending: pending, recorded: recorded)
        try actions.snapshot(barrier, clock() &- start)
        try completeRecordingIfDone()
    }

    /// `channel`'s barrier arrived (or it ended): its recording is complete.
    func closeRecording(_ channel: Int, appending inFlight: [UInt8]) throws {
        guard case .recording(let id, var pending, var recorded) = progress, let recorder = pending.removeValue(forKey: channel)
        else { return }
        stopRecording(channel)
        recorder.append(inFlight)
        if !recorder.bytes.isEmpty { recorded[channel] = recorder.bytes }
        progress = .recording(checkpointID: id, pending: pending, recorded: recorded)
        try completeRecordingIfDone()
    }

    private func completeRecordingIfDone() throws {
        guard case .recording(let id, let pending, let recorded) = progress, pending.isEmpty else { return }
        progress = .idle
        try actions.channelStateComplete(id, recorded)
    }
}
