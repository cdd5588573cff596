import EddyMemory

/// Users of records ahead of the frontier (a slice whose window is not the next to fire), held
/// back until the frontier reaches their slice: applying them earlier would move a user's last-seen
/// slice past a window that has yet to count them. Bounded by the out-of-orderness the watermark
/// allows; kept in segments of the operator's budget, 8 bytes per record, grouped by slice. When
/// the budget refuses a segment (the table took it all and spills), records go to an array on the
/// heap instead: they are few, and failing the job for them would be worse than the overshoot.
final class FrontierBuffer {
    struct Run {
        let slice: Int64
        var segments: [MemorySegment] = []
        var count = 0
        /// Records that found no segment, after the segments' ones.
        var overflow: [UInt64] = []
    }

    let memory: MemoryOwner
    let perSegment: Int
    /// Runs by slice; few at a time (the slices within the out-of-orderness ahead of the frontier).
    @exclusivity(unchecked) private(set) var runs: [Run] = []
    /// Records held.
    @exclusivity(unchecked) private(set) var count = 0

    init(memory: MemoryOwner) {
        self.memory = memory
        perSegment = memory.segmentSize / 8
    }

    deinit { releaseMemory() }

    /// Drops every held record and gives the segments back.
    func releaseMemory() {
        for run in runs { memory.release(run.segments) }
        runs = []
        count = 0
    }

    var segmentCount: Int { runs.reduce(0) { $0 + $1.segments.count } }
    var smallestSlice: Int64? { runs.lazy.map(\.slice).min() }

    /// Records held on the heap because the budget had no segment for them, since the start.
    private(set) var overflowRecords = 0

    /// Holds `user` for `slice`.
    func append(_ user: UInt64, slice: Int64) {
        var index = runs.count - 1
        while index >= 0 && runs[index].slice != slice { index -= 1 }
        if index < 0 {
            runs.append(Run(slice: slice))
            index = runs.count - 1
        }
        count += 1
        if !runs[index].overflow.isEmpty { return appendOverflow(user, at: index) }
        let position = runs[index].count % perSegment
        if position == 0 {
            guard let segment = try? memory.allocate() else { return appendOverflow(user, at: index) }
            runs[index].segments.append(segment)
        }
        runs[index].segments[runs[index].count / perSegment].put(user, at: position * 8)
        runs[index].count += 1
    }

    @inline(never)
    private func appendOverflow(_ user: UInt64, at index: Int) {
        runs[index].overflow.append(user)
        overflowRecords += 1
    }

    /// Hands every user held for slices up to `slice` to `body` and forgets them.
    func drain<E: Error>(through slice: Int64, _ body: (UInt64, Int64) throws(E) -> Void) throws(E) {
        while let index = runs.firstIndex(where: { $0.slice <= slice }) {
            let run = runs.remove(at: index)
            count -= run.count + run.overflow.count
            defer { memory.release(run.segments) }
            // One segment copy (a retain) per segment, not per record.
            for (k, segment) in run.segments.enumerated() {
                for i in 0..<min(perSegment, run.count - k * perSegment) {
                    try body(segment.get(UInt64.self, at: i &* 8), run.slice)
                }
            }
            for user in run.overflow { try body(user, run.slice) }
        }
    }

    /// Every held record as (slice, user), for snapshots.
    var contents: [(slice: Int64, user: UInt64)] {
        runs.flatMap { run in
            (0..<run.count).map { (run.slice, run.segments[$0 / perSegment].get(UInt64.self, at: ($0 % perSegment) * 8)) }
                + run.overflow.map { (run.slice, $0) }
        }
    }
}
