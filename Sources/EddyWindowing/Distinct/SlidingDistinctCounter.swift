import EddyMemory

/// A distinct counter over sliding event-time windows: users go in with their timestamps, the
/// watermark fires windows in order. Implemented exactly (``ExactDistinctCounter``) and with
/// sketches (``HyperLogLogDistinctCounter``, ``BloomDistinctCounter``); ``DistinctCountOperator``
/// runs any of them, specialized (no existential on the per-record path).
///
/// Lateness: a record is late, and dropped, when the window ending with its slice has fired.
///
/// Thread-safety: confined to the operator's task thread.
public protocol SlidingDistinctCounter: AnyObject {
    /// The name of the counter's raw keyed state in snapshots (`distinct-exact`, `distinct-hll`…).
    static var stateName: String { get }
    var windows: SliceWindows { get }
    /// Counts `user` at `timestamp`.
    /// - Returns: false when the record is late (and was dropped).
    func add(user: UInt64, timestamp: Int64) throws -> Bool
    /// Fires, in order of their end, every window the watermark has passed that saw a record.
    func advanceWatermark(to watermark: Int64, emit: (DistinctCountResult) throws -> Void) throws
    /// The serialized union of the sketches of the window being emitted, called from `emit`; empty
    /// for a counter whose counts add up (exact).
    func windowSketch() throws -> [UInt8]
    /// Bytes of segments the counter holds now (table, buffers or sketches).
    var memoryBytes: Int { get }
    /// The synchronous part of a snapshot: the paged structures and the counter's small state.
    func snapshotContents() -> (structures: [PagedStructureSource], extra: [UInt8])
    /// Gives back every segment (the operator closes); the counter is not used afterwards.
    func releaseMemory()
    /// Replaces the counter's state with a snapshot's.
    func restore(structures: [String: RestoredPagedStructure], extra: [UInt8]) throws
    /// Restores a counter that has not counted from the snapshots of the old subtasks whose key
    /// groups overlap its own (a rescaled job); `owns` tells the users of its key groups.
    func restore(rescaling parts: [RestoredCounterPart], owns: (UInt64) -> Bool) throws
}

/// One old subtask's snapshot of a distinct counter: its paged structures and small state.
public struct RestoredCounterPart {
    public var structures: [String: RestoredPagedStructure]
    public var extra: [UInt8]
    /// Whether this subtask takes the part's sketches: the one owning the old subtask's first key
    /// group does (a sketch cannot be split by key group).
    public var takesSketches: Bool

    public init(structures: [String: RestoredPagedStructure], extra: [UInt8], takesSketches: Bool) {
        self.structures = structures
        self.extra = extra
        self.takesSketches = takesSketches
    }
}
