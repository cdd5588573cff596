/// Where one page's image is stored: a page file written by some checkpoint, at an offset, with
/// the CRC-32C of its bytes (checked on restore whatever the storage checks).
public struct PageLocation: Hashable, Sendable {
    /// The page file's path, relative to the checkpoint storage's job directory.
    public var file: String
    public var offset: Int
    public var length: Int
    public var checksum: UInt32
    /// The checkpoint that wrote it: pages of checkpoints not yet known complete are written again.
    public var checkpointID: Int64

    public init(file: String, offset: Int, length: Int, checksum: UInt32, checkpointID: Int64) {
        self.file = file
        self.offset = offset
        self.length = length
        self.checksum = checksum
        self.checkpointID = checkpointID
    }
}

/// One structure (a hash table, a sketch) as a snapshot sees it: a name unique within the
/// operator, its geometry, and what it has changed since the last snapshot.
public struct PagedStructureSource {
    public var name: String
    /// Whatever the structure needs beside its pages to be rebuilt (sizes, counts, version).
    public var geometry: [UInt8]
    public var pageCount: Int
    /// Pages changed since the last snapshot (the structure forgets them when it hands them over).
    public var dirtyPages: [Int]
    /// A copy of a page's bytes.
    public var pageBytes: (Int) -> [UInt8]

    public init(name: String, geometry: [UInt8], pageCount: Int, dirtyPages: [Int], pageBytes: @escaping (Int) -> [UInt8]) {
        self.name = name
        self.geometry = geometry
        self.pageCount = pageCount
        self.dirtyPages = dirtyPages
        self.pageBytes = pageBytes
    }
}

/// A structure in a manifest: its geometry and where each of its pages is.
public struct PagedStructureImage: Hashable, Sendable {
    public var name: String
    public var geometry: [UInt8]
    public var pages: [PageLocation]

    public init(name: String, geometry: [UInt8], pages: [PageLocation]) {
        self.name = name
        self.geometry = geometry
        self.pages = pages
    }
}
