import EddyCore
import EddyMemory

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

    public func restore(structures: [String: RestoredPagedStructure], extra: [UInt8]) throws {
        guard let image = structures["table"] else {
            throw DistinctCountError(.corruptState, "the snapshot has no 'table' structure")
        }
        var reader = ByteArrayReader(extra)
        do {
            try reader.readStateHeader(version: Self.snapshotVersion, windows: windows, stateName: Self.stateName)
            frontier = try reader.readOptional()
            firstUnfired = try reader.readOptional()
            base = try reader.readInteger(Int64.self)
            stale = try reader.readInteger(Int64.self)
            spilling = try reader.readByte() != 0
            spilledUsers = try reader.readInteger(Int64.self)
            var users: [Int64] = []
            var records: [Int64] = []
            for _ in 0..<(try reader.readLength(minimumElementSize: 16)) {
                users.append(try reader.readInteger(Int64.self))
                records.append(try reader.readInteger(Int64.self))
            }
            guard users.isEmpty || users.count == Int(windows.slicesPerWindow) else {
                throw DistinctCountError(.corruptState, "\(users.count) slice counts for windows of \(windows.slicesPerWindow) slices")
            }
            counters = SliceCounters(
                slicesPerWindow: windows.slicesPerWindow, users: users, records: records,
                firstSlice: (frontier ?? 0) - windows.slicesPerWindow + 1)
            let held = try reader.readLength(minimumElementSize: 16)
            var pending: [(Int64, UInt64)] = []
            for _ in 0..<held { pending.append((try reader.readInteger(Int64.self), try reader.readInteger(UInt64.self))) }
            guard reader.isAtEnd else { throw DistinctCountError(.corruptState, "\(reader.remainingBytes) bytes after the state") }
            let geometry = try HashTableGeometry(bytes: image.geometry)
            table = try SegmentHashTable(restoring: geometry, memory: memory) { image.pages[$0] }
            installGrowthHook()
            buffer.releaseMemory()
            for (slice, user) in pending { buffer.append(user, slice: slice) }
        } catch let error as SerializationError {
            throw DistinctCountError(.corruptState, "exact distinct state does not decode: \(error)")
        }
    }
}
