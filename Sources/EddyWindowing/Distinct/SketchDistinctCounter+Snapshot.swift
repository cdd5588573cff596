import EddyCore
import EddyMemory
import EddySketches

extension SketchDistinctCounter {
    static var snapshotVersion: UInt8 { 1 }

    /// Structures: pending slices `p<slice>`, back slices `b<slice>`, the back union `u`, front
    /// unions `f<slice>` (a union shared by several front slices is stored once, under the first).
    /// The extra bytes list which slice has which structure, and the window's record counts.
    public func snapshotContents() -> (structures: [PagedStructureSource], extra: [UInt8]) {
        var structures: [PagedStructureSource] = []
        func add(_ name: String, _ sketch: Sketch) {
            structures.append(PagedStructureSource(
                name: name, geometry: sketch.geometry, pageCount: sketch.pageCount, dirtyPages: sketch.takeDirtyPages(),
                pageBytes: sketch.pageBytes))
        }
        var writer = ByteArrayWriter(reservingCapacity: 1024)
        writer.writeStateHeader(version: Self.snapshotVersion, windows: windows)
        writer.writeOptional(frontier)
        writer.writeOptional(firstUnfired)
        let counts = frontier.map { $0 == Int64.max ? [] : records.counts(from: $0 - windows.slicesPerWindow + 1, through: $0).records } ?? []
        writer.writeVarInt(UInt64(counts.count))
        for count in counts { writer.writeInteger(count) }
        let pendingSlices = pending.keys.sorted()
        writer.writeVarInt(UInt64(pendingSlices.count))
        for slice in pendingSlices {
            writer.writeInteger(slice)
            writer.writeInteger(pending[slice]!.records)
            add("p\(slice)", pending[slice]!.sketch)
        }
        writer.writeVarInt(UInt64(back.count))
        for (slice, sketch) in back {
            writer.writeInteger(slice)
            writer.writeByte(sketch == nil ? 0 : 1)
            if let sketch { add("b\(slice)", sketch) }
        }
        writer.writeByte(backUnion == nil ? 0 : 1)
        if let backUnion { add("u", backUnion) }
        var names: [ObjectIdentifier: String] = [:]
        writer.writeVarInt(UInt64(front.count - frontHead))
        for (slice, union) in front[frontHead...] {
            writer.writeInteger(slice)
            guard let union else {
                writer.writeVarInt(0)
                continue
            }
            let id = ObjectIdentifier(union)
            let name = names[id] ?? "f\(slice)"
            if names[id] == nil {
                names[id] = name
                add(name, union)
            }
            writer.writeVarInt(UInt64(name.utf8.count))
            writer.writeBytes(Array(name.utf8))
        }
        return (structures, writer.bytes)
    }

    public func restore(structures: [String: RestoredPagedStructure], extra: [UInt8]) throws {
        var loaded: [String: Sketch] = [:]
        func sketch(_ name: String) throws -> Sketch {
            if let done = loaded[name] { return done }
            guard let image = structures[name] else {
                throw DistinctCountError(.corruptState, "the snapshot has no sketch '\(name)'")
            }
            let made = try loadSketch(image.geometry, image.pages)
            loaded[name] = made
            return made
        }
        var reader = ByteArrayReader(extra)
        do {
            try reader.readStateHeader(version: Self.snapshotVersion, windows: windows, stateName: Self.stateName)
            releaseMemory()
            frontier = try reader.readOptional()
            firstUnfired = try reader.readOptional()
            var counts: [Int64] = []
            for _ in 0..<(try reader.readLength(minimumElementSize: 8)) { counts.append(try reader.readInteger(Int64.self)) }
            records = SliceCounters(
                slicesPerWindow: windows.slicesPerWindow, users: counts.map { _ in 0 }, records: counts,
                firstSlice: (frontier ?? 0) - windows.slicesPerWindow + 1)
            for _ in 0..<(try reader.readLength(minimumElementSize: 16)) {
                let slice = try reader.readInteger(Int64.self)
                let entry = PendingSlice(try sketch("p\(slice)"))
                entry.records = try reader.readInteger(Int64.self)
                pending[slice] = entry
            }
            for _ in 0..<(try reader.readLength(minimumElementSize: 9)) {
                let slice = try reader.readInteger(Int64.self)
                back.append((slice, try reader.readByte() == 0 ? nil : try sketch("b\(slice)")))
            }
            backUnion = try reader.readByte() == 0 ? nil : try sketch("u")
            for _ in 0..<(try reader.readLength(minimumElementSize: 9)) {
                let slice = try reader.readInteger(Int64.self)
                let name = String(decoding: try reader.readBytes(count: try reader.readLength()), as: UTF8.self)
                front.append((slice, name.isEmpty ? nil : try sketch(name)))
            }
            guard reader.isAtEnd else { throw DistinctCountError(.corruptState, "\(reader.remainingBytes) bytes after the state") }
        } catch let error as SerializationError {
            throw DistinctCountError(.corruptState, "\(Self.stateName) state does not decode: \(error)")
        }
    }
}
