/// How a window operator keeps the contents of windows: in keyed state of the current key, the
/// window being the namespace (Flink's window state). Incremental contents keep one reduced value
/// or accumulator per window; lists keep every element (process functions, evictors).
///
/// Thread-safety: the task thread only.
public protocol WindowContents<Input, W>: AnyObject {
    associatedtype Input
    associatedtype W: Window
    /// What a firing hands to the window function.
    associatedtype Result

    /// Points later calls at the current key's contents of `window`.
    func setWindow(_ window: W)
    /// Adds an element to the window set last.
    func add(_ value: Input, timestamp: Int64?) throws
    /// Calls `use` with the contents of the window set last, if it has any. Evicting contents evict
    /// before `use`, again after it, and keep what remains.
    func emit(window: W, context: EvictorContext, _ use: (Result) throws -> Void) throws
    /// Drops the contents of the window set last.
    func clear() throws
    /// Moves the contents of `sources` into `target` (sessions merging); the target is set after.
    func merge(_ sources: [W], into target: W) throws
}
