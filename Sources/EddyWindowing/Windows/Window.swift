/// A window: a group of elements of one key that a trigger fires together. Windows are namespaces
/// of keyed state and of timers, so they are small values compared and hashed often.
///
/// Thread-safety: values; freely shared.
public protocol Window: Hashable, Sendable {
    /// The largest timestamp that still belongs to the window: emitted results carry it, and an
    /// event-time window is complete when the watermark reaches it.
    var maxTimestamp: Int64 { get }
}
