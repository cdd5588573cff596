/// What a trigger decides for a window (Flink's `TriggerResult`): emit its contents or not, and keep
/// them or not.
public enum TriggerResult: Sendable, Hashable {
    /// Nothing happens.
    case `continue`
    /// The window function runs on the contents, which stay.
    case fire
    /// The contents are dropped (the window's trigger state and timers stay until cleanup).
    case purge
    /// The function runs, then the contents are dropped.
    case fireAndPurge

    @inlinable public var isFire: Bool { self == .fire || self == .fireAndPurge }
    @inlinable public var isPurge: Bool { self == .purge || self == .fireAndPurge }
}
