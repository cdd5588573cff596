/// One input of a task, as the task loop sees it: process what has arrived, without waiting.
/// Called once per loop turn (per batch, not per record), so the existential costs nothing.
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
}
