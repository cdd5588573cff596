import EddyCore
import EddySketches

/// Estimated distinct users per sliding window with one sketch per slice (``HyperLogLog`` or
/// ``SplitBlockBloomFilter``): a record goes into its slice's sketch; a window's estimate is that
/// of the union of its slices' sketches.
///
/// Pre-merged tiers, so a 360-slice window is not 360 merges (the "two stacks" of sliding-window
/// aggregation): fired slices collect in a *back* tier with a running union; when the oldest slice
/// must leave and the *front* tier is empty, the back's slices are turned into suffix unions (each
/// slice's sketch becomes the union of it and every later back slice, in place) and become the
/// front. A window is the front's first suffix union plus the back's union, estimated together
/// without building the union: about three merges per slide, and k + 2 sketches for k slices.
///
/// Records may come for any slice not yet fired (no buffering: a later slice's sketch does not
/// affect earlier windows); a record whose slice's window has fired is late.
public final class SketchDistinctCounter<Sketch: MergeableSketch>: SlidingDistinctCounter {
    public static var stateName: String { "distinct-" + Sketch.kind }
    public let windows: SliceWindows
    let makeSketch: () throws -> Sketch
    let loadSketch: (_ geometry: [UInt8], _ pages: [[UInt8]]) throws -> Sketch

    /// A slice not yet fired: its sketch and its record count.
    final class PendingSlice {
        let sketch: Sketch
        @exclusivity(unchecked) var records: Int64 = 0
        init(_ sketch: Sketch) { self.sketch = sketch }
    }

    @exclusivity(unchecked) var pending: [Int64: PendingSlice] = [:]
    @exclusivity(unchecked) var cachedSlice = Int64.min
    @exclusivity(unchecked) var cached: PendingSlice?
    /// Record counts of the next window's slices.
    var records: SliceCounters
    /// Fired slices since the last flip, oldest first (nil: no record).
    var back: [(slice: Int64, sketch: Sketch?)] = []
    var backUnion: Sketch?
    /// Suffix unions of older slices, oldest first, from `frontHead` on.
    var front: [(slice: Int64, union: Sketch?)] = []
    var frontHead = 0
    @exclusivity(unchecked) var frontier: Int64?
    @exclusivity(unchecked) var firstUnfired: Int64?

    /// - Parameters:
    ///   - makeSketch: an empty sketch (all of one geometry).
    ///   - loadSketch: a sketch from a snapshot's geometry and pages.
    public init(
        windows: SliceWindows, makeSketch: @escaping () throws -> Sketch,
        loadSketch: @escaping (_ geometry: [UInt8], _ pages: [[UInt8]]) throws -> Sketch
    ) {
        self.windows = windows
        self.makeSketch = makeSketch
        self.loadSketch = loadSketch
        records = SliceCounters(slicesPerWindow: windows.slicesPerWindow)
    }

    @inline(__always)
    public func add(user: UInt64, timestamp: Int64) throws -> Bool {
        let slice = windows.slice(of: timestamp)
        if slice != cachedSlice {
            if let frontier { if slice < frontier { return false } } else if let firstUnfired, slice < firstUnfired { return false }
            try cache(slice)
        }
        cached.unsafelyUnwrapped.sketch.insert(hash: Murmur3.hash64(user))
        cached.unsafelyUnwrapped.records &+= 1
        return true
    }

    @inline(never)
    func cache(_ slice: Int64) throws {
        if let existing = pending[slice] {
            cached = existing
        } else {
            let created = PendingSlice(try makeSketch())
            pending[slice] = created
            cached = created
        }
        cachedSlice = slice
    }

    public func advanceWatermark(to watermark: Int64, emit: (DistinctCountResult) throws -> Void) throws {
        let target = windows.firstUnfiredSlice(atWatermark: watermark)
        if let firstUnfired, target <= firstUnfired { return }
        firstUnfired = target
        if frontier == nil {
            guard let smallest = pending.keys.min() else { return }
            frontier = min(smallest, target)
        }
        var slice = frontier!
        while slice < target {
            try fire(slice)
            if records.recordSum > 0 {
                let parts = [front.count > frontHead ? front[frontHead].union : nil, backUnion].compactMap { $0 }
                try emit(DistinctCountResult(
                    start: windows.windowStart(lastSlice: slice), end: windows.windowEnd(lastSlice: slice),
                    count: Int64(Sketch.estimateUnion(parts).rounded())))
            }
            let oldest = slice - windows.slicesPerWindow + 1
            _ = records.evict(oldest)
            drop(oldest)
            slice += 1
            if records.recordSum == 0 {
                // Nothing in the window: forget the tiers and skip to the next slice with data.
                back = []
                backUnion = nil
                front = []
                frontHead = 0
                slice = max(slice, min(pending.keys.min() ?? target, target))
            }
            frontier = slice
        }
        frontier = slice
    }

    /// The window being emitted: the front's first suffix union and the back union, united.
    public func windowSketch() throws -> [UInt8] {
        let parts = [front.count > frontHead ? front[frontHead].union : nil, backUnion].compactMap { $0 }
        guard parts.count > 1 else { return parts.first?.serialized() ?? [] }
        let union = try makeSketch()
        defer { union.releaseMemory() }
        for part in parts { union.formUnion(part) }
        return union.serialized()
    }

    /// Slice `slice` is complete: its sketch joins the back tier.
    func fire(_ slice: Int64) throws {
        let done = pending.removeValue(forKey: slice)
        if cachedSlice == slice {
            cachedSlice = Int64.min
            cached = nil
        }
        records.addRecord(at: slice, count: done?.records ?? 0)
        back.append((slice, done?.sketch))
        guard let sketch = done?.sketch else { return }
        if let backUnion {
            backUnion.formUnion(sketch)
        } else {
            // The first back sketch's copy starts the union (the slice's own sketch stays raw for the flip).
            let union = try makeSketch()
            union.formUnion(sketch)
            backUnion = union
        }
    }

    /// The oldest slice leaves the window.
    func drop(_ slice: Int64) {
        if frontHead == front.count, back.first?.slice == slice { flip() }
        if frontHead < front.count, front[frontHead].slice == slice {
            front[frontHead].union = nil
            frontHead += 1
        }
    }

    /// Turns the back tier into suffix unions: the new front.
    func flip() {
        var unions: [(slice: Int64, union: Sketch?)] = []
        var running: Sketch?
        for (slice, sketch) in back.reversed() {
            if let sketch {
                if let running { sketch.formUnion(running) }
                running = sketch
            }
            unions.append((slice, running))
        }
        front = unions.reversed()
        frontHead = 0
        back = []
        backUnion = nil
    }

    public var memoryBytes: Int {
        var seen = Set<ObjectIdentifier>()
        var total = 0
        let all = pending.values.map(\.sketch) + back.compactMap(\.sketch) + [backUnion].compactMap { $0 }
            + front[frontHead...].compactMap(\.union)
        for sketch in all where seen.insert(ObjectIdentifier(sketch)).inserted { total += sketch.memoryBytes }
        return total
    }

    public func releaseMemory() {
        for sketch in pending.values.map(\.sketch) + back.compactMap(\.sketch) + front.compactMap(\.union) { sketch.releaseMemory() }
        backUnion?.releaseMemory()
        pending = [:]
        cached = nil
        cachedSlice = Int64.min
        back = []
        front = []
        frontHead = 0
        backUnion = nil
    }
}
