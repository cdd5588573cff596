import EddyCore

/// What a hash table's pages need beside their bytes to be a table again: written into snapshot
/// manifests (big-endian, versioned) and checked against the pages on restore.
public struct HashTableGeometry: Hashable, Sendable {
    public var valueWidth: Int
    public var pageSize: Int
    public var pageCount: Int
    public var count: Int

    static let version: UInt8 = 1

    public var bytes: [UInt8] {
        var writer = ByteArrayWriter(reservingCapacity: 32)
        writer.writeByte(Self.version)
        writer.writeInteger(UInt32(valueWidth))
        writer.writeInteger(UInt32(pageSize))
        writer.writeInteger(UInt64(pageCount))
        writer.writeInteger(UInt64(count))
        return writer.bytes
    }

    public init(valueWidth: Int, pageSize: Int, pageCount: Int, count: Int) {
        self.valueWidth = valueWidth
        self.pageSize = pageSize
        self.pageCount = pageCount
        self.count = count
    }

    /// - Throws: ``SerializationError`` when the bytes are not a geometry of this version.
    public init(bytes: [UInt8]) throws(SerializationError) {
        var reader = ByteArrayReader(bytes)
        let version = try reader.readByte()
        guard version == Self.version else {
            throw SerializationError(.unsupported, "hash table geometry version \(version), expected \(Self.version)")
        }
        valueWidth = Int(try reader.readInteger(UInt32.self))
        pageSize = Int(try reader.readInteger(UInt32.self))
        pageCount = Int(try reader.readInteger(UInt64.self))
        count = Int(try reader.readInteger(UInt64.self))
        guard reader.isAtEnd, valueWidth >= 1, valueWidth <= 4096, MemorySegment.isValidSize(pageSize), pageCount >= 1,
              count >= 0, count <= pageCount * (pageSize / (9 + valueWidth))
        else { throw SerializationError(.malformed, "impossible hash table geometry \(bytes)") }
    }
}

extension SegmentHashTable {
    /// The geometry to store beside the pages.
    public var geometry: HashTableGeometry {
        HashTableGeometry(valueWidth: valueWidth, pageSize: owner.segmentSize, pageCount: pages.count, count: count)
    }

    /// The pages changed since the last call (all of them after growth), and forgets them.
    public func takeDirtyPages() -> [Int] { dirty.take() }

    /// Marks every page changed (the next snapshot writes the whole table).
    public func markAllPagesDirty() { dirty.resize(to: pages.count, allDirty: true) }

    /// A copy of page `index`'s bytes.
    public func pageBytes(_ index: Int) -> [UInt8] { pages[index].getBytes(at: 0, count: owner.segmentSize) }

    /// Rebuilds a table from snapshot pages.
    /// - Parameters:
    ///   - geometry: as ``geometry`` was when the pages were taken.
    ///   - page: the bytes of page `index` (each exactly `pageSize` long).
    /// - Throws: ``MemoryError`` when the pages cannot be allocated; ``SerializationError``
    ///   (`malformed`) when the pages do not form the table the geometry describes: a page of the
    ///   wrong size, a control byte other than 0 or 1, a different entry count, a key outside its
    ///   cluster. Nothing is kept then.
    public convenience init(
        restoring geometry: HashTableGeometry, memory: MemoryOwner, maxLoadFactor: Double = 0.75,
        hardLoadFactor: Double = 0.9, page: (Int) throws -> [UInt8]
    ) throws {
        try self.init(
            valueWidth: geometry.valueWidth, memory: memory, initialCapacity: 0, maxLoadFactor: maxLoadFactor,
            hardLoadFactor: hardLoadFactor)
        try load(geometry, page: page)
    }

    /// Replaces the entries of this empty table with snapshot pages, in place (a table its users
    /// hold as a constant). Its pages are given back before the snapshot's are allocated, so a
    /// budget the snapshot filled has room for them again.
    /// - Throws: as ``init(restoring:memory:maxLoadFactor:hardLoadFactor:page:)``, also when the
    ///   geometry's value width differs; the table is empty afterwards (without pages when the
    ///   allocation failed: use it no more then).
    /// - Precondition: the table is empty.
    public func load(_ geometry: HashTableGeometry, page: (Int) throws -> [UInt8]) throws {
        precondition(count == 0, "a hash table loads snapshot pages only when empty")
        guard geometry.pageSize == owner.segmentSize, geometry.valueWidth == valueWidth else {
            throw SerializationError(
                .malformed,
                "hash table pages of \(geometry.pageSize) B, values of \(geometry.valueWidth) B cannot restore into \(owner.segmentSize) B, \(valueWidth) B")
        }
        if geometry.pageCount != pages.count {
            owner.release(pages)
            install([])
            install(try Self.cleanPages(geometry.pageCount, from: owner))
        }
        do {
            var entries = 0
            for index in 0..<geometry.pageCount {
                let bytes = try page(index)
                guard bytes.count == geometry.pageSize else {
                    throw SerializationError(.malformed, "hash table page \(index) has \(bytes.count) bytes, expected \(geometry.pageSize)")
                }
                pages[index].putBytes(bytes, at: 0)
                for bucket in 0..<bucketsPerPage {
                    let control = bytes[bucket * stride]
                    guard control <= 1 else {
                        throw SerializationError(.malformed, "hash table page \(index) bucket \(bucket): control byte \(control)")
                    }
                    entries += Int(control)
                }
            }
            guard entries == geometry.count else {
                throw SerializationError(.malformed, "hash table pages hold \(entries) entries, the geometry says \(geometry.count)")
            }
            self.entries = entries
            growthThreshold = max(growthThreshold, min(count + 1, Int(Double(capacity) * hardLoadFactor)))
            try checkReachability()
        } catch {
            for page in pages { page.fill(0) }
            entries = 0
            growthThreshold = Int(Double(capacity) * maxLoadFactor)
            throw error
        }
        dirty.resize(to: pages.count, allDirty: false)
    }

    /// Calls `body` with the key and value bytes of every entry of one snapshot page, without
    /// building a table (a rescaled restore picks the entries of its key groups).
    /// - Throws: ``SerializationError`` (`malformed`) for a page of the wrong size or a control
    ///   byte other than 0 or 1; what `body` throws.
    public static func forEachEntry(
        inPage bytes: [UInt8], geometry: HashTableGeometry, _ body: (UInt64, ArraySlice<UInt8>) throws -> Void
    ) throws {
        guard bytes.count == geometry.pageSize else {
            throw SerializationError(.malformed, "hash table page has \(bytes.count) bytes, expected \(geometry.pageSize)")
        }
        let width = 1 + keyWidth + geometry.valueWidth
        for at in Swift.stride(from: 0, to: geometry.pageSize - width + 1, by: width) {
            guard bytes[at] <= 1 else { throw SerializationError(.malformed, "hash table page bucket at \(at): control byte \(bytes[at])") }
            guard bytes[at] == 1 else { continue }
            var key: UInt64 = 0
            for index in (at + 1)...(at + 8) { key = key << 8 | UInt64(bytes[index]) }
            try body(key.byteSwapped, bytes[(at + 9)..<(at + width)])
        }
    }

    /// Every key must be found from its home bucket: no empty bucket between home and key.
    func checkReachability() throws(SerializationError) {
        var misplaced: UInt64?
        forEach { key, slot in
            if misplaced == nil, find(key) != slot { misplaced = key }
        }
        if let misplaced {
            throw SerializationError(.malformed, "hash table key \(misplaced) is not reachable from its home bucket")
        }
    }
}
