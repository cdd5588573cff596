/// How a window operator treats lateness, beyond its assigner, trigger and function.
public struct WindowOperatorSettings: Sendable {
    /// For metrics, errors and snapshots.
    public var name: String
    /// How long (event time, ms) after a window's end its state is kept so late elements still
    /// update it (each then fires it again, with the default trigger).
    public var allowedLateness: Int64
    /// The side output that receives elements too late for all their windows; nil drops them
    /// (counted in the `lateRecordsDropped` metric).
    public var lateDataTag: String?

    public init(name: String, allowedLateness: Int64 = 0, lateDataTag: String? = nil) {
        precondition(allowedLateness >= 0, "allowed lateness must not be negative, got \(allowedLateness) ms")
        self.name = name
        self.allowedLateness = allowedLateness
        self.lateDataTag = lateDataTag
    }
}
