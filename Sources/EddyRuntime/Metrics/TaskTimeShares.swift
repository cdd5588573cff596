/// Milliseconds per second a task spent busy, backpressured and idle over a window: Flink's
/// `busyTimeMsPerSecond`, `backPressuredTimeMsPerSecond` and `idleTimeMsPerSecond`. The three add
/// up to 1000 (up to rounding).
public struct TaskTimeShares: Sendable, Hashable {
    public var busy: Double
    public var backpressured: Double
    public var idle: Double

    public init(busy: Double, backpressured: Double, idle: Double) {
        self.busy = busy
        self.backpressured = backpressured
        self.idle = idle
    }

    public var sum: Double { busy + backpressured + idle }

    public subscript(state: TaskTimeState) -> Double {
        switch state {
        case .busy: busy
        case .backpressured: backpressured
        case .idle: idle
        }
    }
}
