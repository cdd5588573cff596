import EddyCore
import EddyMemory

/// The small state of an ``ExactDistinctCounter`` snapshot besides its table pages.
struct ExactCounterState {
    var frontier: Int64?
    var firstUnfired: Int64?
    var base: Int64
    var stale: Int64
    var spilling: Bool
    var spilledUsers: Int64
    /// Users and records of the frontier's window's slices, oldest first (empty without a frontier).
    var users: [Int64]
    var records: [Int64]
    /// Records waiting for the frontier.
    var held: [(slice: Int64, user: UInt64)]
}

extension ExactDistinctCounter {
    static let snapshotVersion: UInt8 = 1

    public func snapshotContents() -> (structures: [PagedStructureSource], extra: [UInt8]) {
        let table = self.table
        let source = PagedStructureSource(
            name: "table", geometry: table.geometry.bytes, pageCount: table.pageCount, dirtyPages: table.takeDirtyPages(),
            pageBytes: table.pageBytes)
        var writer = ByteArrayWriter(reservingCapacity: 256)
        writer.writeStateHeader(version: Self.snapshotVersion, windows: windows)
        writer.writeOptional(frontier)
        writer.writeOptional(firstUnfired)
        writer.writeInteger(base)
        writer.writeInteger(stale)
        writer.writeByte(spilling ? 1 : 0)
        writer.writeInteger(spilledUsers)
        let (users, records) = frontier.map { $0 == Int64.max ? ([], []) : counters.counts(from: $0 - windows.slicesPerWindow + 1, through: $0) }
            ?? ([], [])
        writer.writeVarInt(UInt64(users.count))
        for (u, r) in zip(users, records) {
            writer.writeInteger(u)
            writer.writeInteger(r)
        }
        let held = buffer.contents
        writer.writeVarInt(UInt64(held.count))
        for (slice, user) in held {
            writer.writeInteger(slice)
            writer.writeInteger(user)
        }
        return ([source], writer.bytes)
    }

    /// Decodes the extra bytes of ``snapshotContents()``.
    func decodeState(_ extra: [UInt8]) throws -> ExactCounterState {
        var reader = ByteArrayReader(extra)
        do {
            try reader.readStateHeader(version: Self.snapshotVersion, windows: windows, stateName: Self.stateName)
            var state = ExactCounterState(
                frontier: try reader.readOptional(), firstUnfired: try reader.readOptional(), base: try reader.readInteger(Int64.self),
                stale: try reader.readInteger(Int64.self), spilling: try reader.readByte() != 0,
                spilledUsers: try reader.readInteger(Int64.self), users: [], records: [], held: [])
            for _ in 0..<(try reader.readLength(minimumElementSize: 16)) {
                state.users.append(try reader.readInteger(Int64.self))
                state.records.append(try reader.readInteger(Int64.self))
            }
            guard state.users.isEmpty || state.users.count == Int(windows.slicesPerWindow) else {
                throw DistinctCountError(.corruptState, "\(state.users.count) slice counts for windows of \(windows.slicesPerWindow) slices")
            }
            for _ in 0..<(try reader.readLength(minimumElementSize: 16)) {
                state.held.append((try reader.readInteger(Int64.self), try reader.readInteger(UInt64.self)))
            }
            guard reader.isAtEnd else { throw DistinctCountError(.corruptState, "\(reader.remainingBytes) bytes after the state") }
            return state
        } catch let error as SerializationError {
            throw DistinctCountError(.corruptState, "exact distinct state does not decode: \(error)")
        }
    }

    public func restore(structures: [String: RestoredPagedStructure], extra: [UInt8]) throws {
        guard let image = structures["table"] else {
            throw DistinctCountError(.corruptState, "the snapshot has no 'table' structure")
        }
        let state = try decodeState(extra)
        frontier = state.frontier
        firstUnfired = state.firstUnfired
        base = state.base
        stale = state.stale
        spilling = state.spilling
        spilledUsers = state.spilledUsers
        counters = SliceCounters(
            slicesPerWindow: windows.slicesPerWindow, users: state.users, records: state.records,
            firstSlice: (frontier ?? 0) - windows.slicesPerWindow + 1)
        do {
            let geometry = try HashTableGeometry(bytes: image.geometry)
            table = try SegmentHashTable(restoring: geometry, memory: memory) { image.pages[$0] }
        } catch let error as SerializationError {
            throw DistinctCountError(.corruptState, "exact distinct table does not decode: \(error)")
        }
        installGrowthHook()
        buffer.releaseMemory()
        for (slice, user) in state.held { buffer.append(user, slice: slice) }
    }
}
