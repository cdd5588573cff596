import EddyCore
import EddyMemory

extension SketchDistinctCounter {
    /// Restores from the snapshots of the old subtasks whose key groups overlap this one's (a
    /// rescaled job). A sketch summarises many users and cannot be split by key group, so each old
    /// subtask's sketches go whole to one new subtask, the one owning its first key group
    /// (``RestoredCounterPart/takesSketches``); ``DistinctCountSum`` unites the subtasks' window
    /// sketches, so a user in the restored sketches of one subtask and the new ones of another
    /// counts once. Every subtask takes the watermark's position (first unfired slice, frontier),
    /// so none counts a fired window again or takes a late record.
    ///
    /// The taken fired slices of the window become suffix unions, the front tier a flip would make
    /// (the old subtasks' tiers need not flip at the same slices); pending slices are united slice
    /// by slice, record counts added.
    public func restore(rescaling parts: [RestoredCounterPart], owns: (UInt64) -> Bool) throws {
        releaseMemory()
        let positions = try parts.map { try position($0.extra) }
        firstUnfired = positions.compactMap(\.firstUnfired).max()
        frontier = positions.compactMap(\.frontier).max()
        var taken: [SketchDistinctCounter] = []
        defer { for old in taken { old.releaseMemory() } }
        for part in parts where part.takesSketches {
            let old = SketchDistinctCounter(windows: windows, makeSketch: makeSketch, loadSketch: loadSketch)
            taken.append(old)
            try old.restore(structures: part.structures, extra: part.extra)
        }
        let k = windows.slicesPerWindow
        var counts = [Int64](repeating: 0, count: frontier == nil || frontier == Int64.max ? 0 : Int(k))
        for old in taken {
            for (slice, entry) in old.pending {
                if let held = pending[slice] {
                    held.sketch.formUnion(entry.sketch)
                    held.records += entry.records
                } else {
                    pending[slice] = entry
                    old.pending[slice] = nil
                }
            }
            guard let frontier, let own = old.frontier, !counts.isEmpty else { continue }
            for (offset, count) in old.records.counts(from: own - k + 1, through: own).records.enumerated() {
                let slice = own - k + 1 + Int64(offset)
                if slice > frontier - k && slice <= frontier { counts[Int(slice - (frontier - k + 1))] += count }
            }
        }
        let first = (frontier ?? k - 1) - k + 1
        records = SliceCounters(slicesPerWindow: k, users: counts.map { _ in 0 }, records: counts, firstSlice: first)
        guard let frontier, !counts.isEmpty else { return }
        var unions: [(slice: Int64, union: Sketch?)] = []
        var running: Sketch?
        for slice in stride(from: frontier - 1, through: first, by: -1) {
            let contributions = taken.flatMap { $0.firedContribution(slice) }
            if !contributions.isEmpty {
                let union = try makeSketch()
                if let running { union.formUnion(running) }
                for sketch in contributions { union.formUnion(sketch) }
                running = union
            }
            unions.append((slice, running))
        }
        front = unions.reversed()
        frontHead = 0
    }

    /// The frontier and first unfired slice of a snapshot, read without its sketches.
    private func position(_ extra: [UInt8]) throws -> (frontier: Int64?, firstUnfired: Int64?) {
        var reader = ByteArrayReader(extra)
        do {
            try reader.readStateHeader(version: Self.snapshotVersion, windows: windows, stateName: Self.stateName)
            return (try reader.readOptional(), try reader.readOptional())
        } catch let error as SerializationError {
            throw DistinctCountError(.corruptState, "\(Self.stateName) state does not decode: \(error)")
        }
    }

    /// The sketches slice `slice` adds to the union of the fired slices from it on: its raw sketch
    /// if it is in the back tier; its suffix union and the back union if it is in the front.
    private func firedContribution(_ slice: Int64) -> [Sketch] {
        if let entry = back.first(where: { $0.slice == slice }) { return entry.sketch.map { [$0] } ?? [] }
        guard let entry = front[frontHead...].first(where: { $0.slice == slice }) else { return [] }
        return [entry.union, backUnion].compactMap { $0 }
    }
}
