/// Work a task does on a schedule between elements: periodic watermark emission, processing-time
/// timers. `run` gets the monotonic time and returns when it wants to run next (nil: no need).
///
/// Thread-safety: the task's thread only.
public struct PeriodicAction {
    public var name: String
    public var run: (_ nowNanoseconds: UInt64) throws -> UInt64?

    public init(name: String, run: @escaping (UInt64) throws -> UInt64?) {
        self.name = name
        self.run = run
    }
}
