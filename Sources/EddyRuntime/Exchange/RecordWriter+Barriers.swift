extension RecordWriter {
    /// Sends `barrier` on every channel, after everything written before it.
    ///
    /// An aligned barrier goes into the stream in a buffer of its own (the partly filled buffer is
    /// flushed before it, and it is flushed at once): a consumer recording channel state then cuts
    /// the recording where that buffer starts. It needs a credit like any buffer. An unaligned
    /// barrier overtakes the buffers queued in the channel (``LocalChannel/sendPriority(_:)``) and
    /// needs no credit; the consumer records what it overtook.
    public func broadcastBarrier(_ barrier: CheckpointBarrier) {
        for index in views.indices {
            views[index].flush()
            if barrier.options.unaligned {
                if !views[index].cancelled { views[index].channel.sendPriority(barrier) }
            } else {
                views[index].writeByte(ElementTag.barrier.rawValue)
                barrier.write(to: &views[index])
                views[index].flush()
            }
        }
    }
}
