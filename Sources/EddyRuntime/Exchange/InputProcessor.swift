/// One input of a task, as the task loop sees it: process what has arrived, without waiting.
/// Called once per loop turn (per batch, not per record), so the existential costs nothing.
///
/// The checkpoint methods are called per barrier, by the task's ``CheckpointBarrierHandler``. A
/// task numbers the channels of all its inputs in order: input 0's channels first.
///
/// Thread-safety: the consuming task's thread only.
public protocol InputProcessor: AnyObject {
    /// Processes up to `budget` elements that can be read without waiting.
    /// - Returns: the number processed (0 when nothing was available).
    func processAvailable(budget: Int) throws -> Int
    /// Whether every channel ended and was read to its end.
    var isFinished: Bool { get }
    /// Returns buffers still held to their channels.
    func release()

    /// The input's channels.
    var channelCount: Int { get }
    /// Hands barriers and channel ends to `handler`; this input's channel 0 is the task's channel
    /// `firstChannel`.
    func attach(_ handler: CheckpointBarrierHandler, firstChannel: Int)
    /// Stops (true) or resumes (false) reading `channel` (aligned checkpoints block a channel from
    /// its barrier until all barriers arrived). A blocked channel's buffers stay queued.
    func setBlocked(_ channel: Int, _ blocked: Bool)
    /// Copies what `channel` delivers from now on into `recorder` (unaligned checkpoints).
    func startRecording(_ channel: Int, into recorder: ChannelStateRecorder)
    /// Stops copying `channel`'s data.
    func stopRecording(_ channel: Int)
    /// Processes `bytes` (elements recorded by an unaligned checkpoint) before `channel`'s live data.
    func replay(_ bytes: [UInt8], channel: Int)
}
