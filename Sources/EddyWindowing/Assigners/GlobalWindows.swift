import EddyCore

/// One window per key holding all its elements (Flink's `GlobalWindows`). It never fires by itself:
/// give it a trigger (count windows are global windows with a count trigger).
public struct GlobalWindows<Element>: WindowAssigner {
    public init() {}

    public func assignWindows(
        _ element: Element, timestamp: Int64?, currentProcessingTime: Int64, _ assign: (GlobalWindow) throws -> Void
    ) throws {
        try assign(GlobalWindow())
    }

    public var defaultTrigger: NeverTrigger<Element, GlobalWindow> { NeverTrigger() }
    public var windowSerializer: GlobalWindowSerializer { GlobalWindowSerializer() }
    public var isEventTime: Bool { false }
}
