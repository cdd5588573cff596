import EddyCore
import EddyMemory
import EddyRuntime
import EddyState

extension SessionWindowOperator {
    /// Restores the session table from `handles` (the raw keyed state of old subtasks whose key
    /// groups overlap this one's) and rebuilds the check queue from it. Call before the first
    /// element, after the backend and ``timers`` were restored. The subtask's own whole table comes
    /// back page for page and later snapshots go on from its files; after a rescale, the entries of
    /// this subtask's key groups are inserted one by one (into the backend when the budget has no
    /// room). A restore without table state (a checkpoint of an operator without a table) leaves
    /// every restored key in the backend.
    /// - Throws: ``WindowingError`` `.corruptSnapshot` when the state does not parse or was written
    ///   with another max parallelism or accumulator size; storage and checksum errors naming the file.
    public func restore(from handles: [RawKeyedStateHandle], storage: any CheckpointStorage) throws {
        let handles = handles.filter { $0.name == SessionSnapshotNames.table }
        guard !handles.isEmpty else {
            keysOutsideTable = true
            return
        }
        let range = backend.keyGroupRange
        let whole = handles.count == 1 && handles[0].keyGroupRange == range && table != nil
        for handle in handles {
            let (manifest, structures) = try paged.restore(handle, storage: storage, adopt: whole)
            keysOutsideTable = try readHeader(manifest.extra) || keysOutsideTable
            guard let image = structures["table"] else { throw WindowingError(.corruptSnapshot, "session state without a table") }
            let geometry = try HashTableGeometry(bytes: image.geometry)
            guard geometry.valueWidth == SessionTable<AS>.accumulatorOffset + (accumulatorSerializer.fixedSize ?? -1) else {
                throw WindowingError(.corruptSnapshot, "session table values of \(geometry.valueWidth) bytes do not hold this accumulator")
            }
            if whole, let table {
                try table.table.load(geometry) { image.pages[$0] }
            } else {
                for page in image.pages {
                    try SegmentHashTable.forEachEntry(inPage: page, geometry: geometry) { bits, value in
                        if range.contains(keyGroupOfBits(bits)) { try restoreEntry(bits, Array(value)) }
                    }
                }
            }
        }
        rebuildChecks()
    }

    /// Reads the snapshot header; returns whether keys lived in the backend without a table entry.
    private func readHeader(_ bytes: [UInt8]) throws -> Bool {
        var reader = ByteArrayReader(bytes)
        let version = try reader.readByte()
        let outside = try reader.readByte()
        let maxParallelism = Int(try reader.readInteger(UInt32.self))
        guard version == SessionSnapshotNames.version, outside <= 1, reader.isAtEnd else {
            throw WindowingError(.corruptSnapshot, "session snapshot header \(bytes) is not of version \(SessionSnapshotNames.version)")
        }
        guard maxParallelism == backend.maxParallelism else {
            throw WindowingError(.corruptSnapshot, "session state of max parallelism \(maxParallelism) restored into \(backend.maxParallelism)")
        }
        return outside == 1
    }

    /// One entry of another subtask's table: into this table, or into the backend without room.
    private func restoreEntry(_ bits: UInt64, _ value: [UInt8]) throws {
        let flags = value[SessionTable<AS>.flagsOffset]
        if let table, let slot = try? table.table.findOrInsert(bits).slot {
            var writer = table.table.valueWriter(at: slot, offset: 0)
            writer.writeBytes(value)
            return
        }
        keysOutsideTable = true
        // A key marked in the table has its sessions and timers in the backend already.
        guard flags & SessionTable<AS>.inBackendFlag == 0 else { return }
        // The table stores its integers little-endian, the accumulator as serialized.
        var reader = ByteArrayReader(Array(value[SessionTable<AS>.startOffset...]))
        let start = try reader.readInteger(Int64.self).byteSwapped
        let end = try reader.readInteger(Int64.self).byteSwapped
        try reader.skip(1)
        let entry = SessionEntry(
            window: TimeWindow(start: start, end: end), fired: flags & SessionTable<AS>.firedFlag != 0,
            accumulator: try accumulatorSerializer.deserialize(from: &reader))
        let key = try decodeKey(bits)
        backend.setCurrentKey(key)
        var set = KeySessions<Agg.Accumulator>()
        set.insert(entry)
        scheduleCheck(for: entry, in: &set, key: key)
        try sessions.update(set)
    }

    /// One check per table key with a pending one, at its stored time.
    func rebuildChecks() {
        guard let table else { return }
        var pending: [SessionCheckQueue.Check] = []
        pending.reserveCapacity(table.table.count)
        table.table.forEach { bits, slot in
            let time = table.check(at: slot)
            if time != Int64.max && table.flags(at: slot) & SessionTable<AS>.inBackendFlag == 0 {
                pending.append(SessionCheckQueue.Check(time: time, key: bits))
            }
        }
        checks.rebuild(pending)
    }
}
