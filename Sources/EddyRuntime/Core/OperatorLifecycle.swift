/// The task's handle on an operator outside the per-record path: open, end of input, close.
/// Per-record calls go through ``Output`` closures; these calls are rare.
///
/// Thread-safety: called on the task thread only.
public protocol OperatorLifecycle: AnyObject {
    /// For metrics, logs and errors.
    var name: String { get }
    /// Called once before any element, on the task thread (the operator got its
    /// ``OperatorContext`` when it was built).
    func open() throws
    /// All inputs have ended: emit what is buffered (final windows, pending aggregates).
    func finish() throws
    /// Releases resources; called after `finish`, or on cancellation or failure without it.
    func close()
}

extension OperatorLifecycle {
    public func open() throws {}
    public func finish() throws {}
    public func close() {}
}
