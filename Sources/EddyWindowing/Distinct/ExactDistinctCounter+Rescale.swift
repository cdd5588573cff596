import EddyCore
import EddyMemory

extension ExactDistinctCounter {
    /// Restores from the snapshots of the old subtasks whose key groups overlap this one's (a
    /// rescaled job), keeping only the users `owns` accepts: their table entries still in a window
    /// (stale ones are dropped, as a sweep would drop them), their held records, and per-slice
    /// counts recounted from the kept users and the spill store (which the keyed backend restored
    /// for these key groups). Copying the old counts instead would count each old subtask's users
    /// in every new subtask that took some of its key groups.
    ///
    /// Per-slice record counts only decide whether a window that saw records is emitted; they are
    /// rebuilt as the user counts, which are positive for the same windows (a record's user has its
    /// last-seen slice between the record's slice and the window's last slice).
    /// - Parameter parts: each old subtask's paged structures and extra bytes.
    /// - Throws: ``DistinctCountError`` for state that does not decode; `MemoryError` when the
    ///   budget cannot hold the kept users and there is no spill store.
    public func restore(rescaling parts: [RestoredCounterPart], owns: (UInt64) -> Bool) throws {
        precondition(table.count == 0 && buffer.count == 0, "a rescaled restore needs a counter that has not counted")
        let states = try parts.map { try decodeState($0.extra) }
        firstUnfired = states.compactMap(\.firstUnfired).max()
        // Every subtask's frontier is the first unfired slice once it saw data (aligned barriers
        // bring the same watermarks to all of them); the largest one covers older snapshots too.
        frontier = states.compactMap(\.frontier).max()
        let k = windows.slicesPerWindow
        let oldest = (frontier ?? k - 1) - k + 1
        base = oldest
        stale = 0
        spilledUsers = 0
        spilling = states.contains { $0.spilling }
        for (part, state) in zip(parts, states) where state.frontier != nil {
            guard let image = part.structures["table"] else {
                throw DistinctCountError(.corruptState, "the snapshot has no 'table' structure")
            }
            do {
                let geometry = try HashTableGeometry(bytes: image.geometry)
                for page in image.pages {
                    try SegmentHashTable.forEachEntry(inPage: page, geometry: geometry) { user, value in
                        let slice = state.base + Int64(value.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
                        if slice >= oldest && owns(user) { try keep(user, at: slice) }
                    }
                }
            } catch let error as SerializationError {
                throw DistinctCountError(.corruptState, "exact distinct table does not decode: \(error)")
            }
        }
        var users = [Int64](repeating: 0, count: frontier == nil || frontier == Int64.max ? 0 : Int(k))
        if !users.isEmpty {
            table.forEach { _, slot in users[Int(Int64(table.load(UInt32.self, at: slot)) + base - oldest)] += 1 }
            if spilling, let spill {
                for (user, slice) in try spill.allUsers() {
                    spilledUsers += 1
                    if slice >= oldest && table.find(user) == nil { users[Int(slice - oldest)] += 1 }
                }
            }
        }
        counters = SliceCounters(slicesPerWindow: k, users: users, records: users, firstSlice: oldest)
        for state in states {
            for (slice, user) in state.held where owns(user) { buffer.append(user, slice: slice) }
        }
        // Held records at or behind the frontier come only from snapshots of subtasks whose
        // frontier lagged: apply them now, as their subtask would have.
        if let frontier, !users.isEmpty {
            try buffer.drain(through: frontier) { user, slice in if slice >= oldest { try apply(user, at: slice) } }
        }
    }

    /// One kept user of an old subtask's table: into the table, or the spill store when it is full.
    private func keep(_ user: UInt64, at slice: Int64) throws {
        let offset = slice - base
        guard offset < Int64(UInt32.max) else {
            throw DistinctCountError(.outOfRange, "event time spans \(offset) slices of \(windows.slideMillis) ms, more than 2^32")
        }
        do {
            let found = try table.findOrInsert(user)
            if found.inserted || Int64(table.load(UInt32.self, at: found.slot)) < offset {
                table.store(UInt32(truncatingIfNeeded: offset), at: found.slot)
            }
        } catch {
            guard let spill else { throw error }
            spilling = true
            if try spill.lastSlice(of: user).map({ $0 < slice }) ?? true { try spill.setLastSlice(slice, of: user) }
        }
    }
}
