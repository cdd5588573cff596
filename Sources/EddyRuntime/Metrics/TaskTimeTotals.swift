/// Nanoseconds a task has spent in each ``TaskTimeState`` since its ``TaskTimeAccounting`` began.
public struct TaskTimeTotals: Sendable, Hashable {
    public var busy: UInt64
    public var backpressured: UInt64
    public var idle: UInt64

    public init(busy: UInt64 = 0, backpressured: UInt64 = 0, idle: UInt64 = 0) {
        self.busy = busy
        self.backpressured = backpressured
        self.idle = idle
    }

    /// All time accounted for: the time from the accounting's start to the moment of the reading.
    public var sum: UInt64 { busy &+ backpressured &+ idle }

    public subscript(state: TaskTimeState) -> UInt64 {
        get {
            switch state {
            case .busy: busy
            case .backpressured: backpressured
            case .idle: idle
            }
        }
        set {
            switch state {
            case .busy: busy = newValue
            case .backpressured: backpressured = newValue
            case .idle: idle = newValue
            }
        }
    }
}
