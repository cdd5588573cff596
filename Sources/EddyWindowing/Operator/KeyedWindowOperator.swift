import EddyRuntime

/// What the API drives of a window operator per element and watermark (the general and the
/// slicing operator alike).
///
/// Thread-safety: the task thread only.
public protocol KeyedWindowOperator<Element, Key>: OperatorLifecycle {
    associatedtype Element
    associatedtype Key
    /// Processes one element of `key`.
    func processElement(_ value: Element, timestamp: Int64?, key: Key) throws
    /// Advances event time; the caller forwards the watermark downstream afterwards.
    func processWatermark(_ watermark: Watermark) throws
}

extension WindowOperator: KeyedWindowOperator {}
extension SlicingWindowOperator: KeyedWindowOperator {}
