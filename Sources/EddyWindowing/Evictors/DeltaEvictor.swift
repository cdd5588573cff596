/// Removes the elements whose delta to the newest element is at least `threshold` (Flink's
/// `DeltaEvictor`), with a delta function of the program's choosing.
public struct DeltaEvictor<Element, W: Window>: OneSidedEvictor {
    public let threshold: Double
    public let delta: @Sendable (Element, Element) -> Double
    public let evictsAfter: Bool

    public init(threshold: Double, afterFunction: Bool = false, delta: @escaping @Sendable (Element, Element) -> Double) {
        self.threshold = threshold
        self.delta = delta
        evictsAfter = afterFunction
    }

    public func evict(_ elements: inout [TimestampedValue<Element>]) {
        guard let last = elements.last?.value else { return }
        elements.removeAll { delta($0.value, last) >= threshold }
    }
}
