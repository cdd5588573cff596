/// Incremental snapshots of paged structures (hash tables, sketches): each snapshot writes one page
/// file with the pages changed since the previous snapshot, and a manifest that points every page
/// at its newest image, in this page file or an earlier one.
///
/// A page is written again when it changed, when it has no image yet, or when its image belongs to
/// a checkpoint not yet known complete (so a failed checkpoint never leaves a later one pointing at
/// a file that may be missing). When the referenced page files hold much more than the live pages
/// (more than ``maxReferencedFiles`` files, or over twice the live bytes), everything is written
/// anew, so old files can be released.
///
/// Storage-agnostic: the caller writes ``PreparedPageSnapshot/pageFile`` and the manifest bytes
/// wherever it keeps checkpoint files, under the paths it chose.
///
/// Thread-safety: confined to the owning operator's thread; the prepared snapshot is a value that
/// may be written out on any thread.
public final class IncrementalPageSnapshots {
    /// Newest image of every page, per structure name.
    public private(set) var locations: [String: [PageLocation?]] = [:]
    /// The newest checkpoint known complete: images of later ones are not trusted yet.
    public private(set) var lastCompletedCheckpoint: Int64 = 0
    /// Sizes of the page files referenced now.
    var fileSizes: [String: Int] = [:]
    public var maxReferencedFiles = 16

    public init() {}

    /// The synchronous part of a snapshot: copies the pages to write into one page file.
    /// - Parameters:
    ///   - structures: every structure the operator has now; structures not listed are dropped.
    ///   - pageFilePath: where the caller will write ``PreparedPageSnapshot/pageFile``.
    ///   - extra: the operator's own small state, stored in the manifest.
    /// - Complexity: O(pages written × page size) for the copies, O(pages) for the manifest.
    public func prepare(
        checkpointID: Int64, structures: [PagedStructureSource], pageFilePath: String, extra: [UInt8]
    ) -> PreparedPageSnapshot {
        let rewriteAll = needsFullRewrite(structures)
        var pageFile: [UInt8] = []
        var next: [String: [PageLocation?]] = [:]
        var images: [PagedStructureImage] = []
        for structure in structures {
            var pages = locations[structure.name] ?? []
            if pages.count != structure.pageCount {
                pages = Array(pages.prefix(structure.pageCount)) + Array(repeating: nil, count: max(0, structure.pageCount - pages.count))
            }
            var write = Set(structure.dirtyPages)
            for (index, location) in pages.enumerated()
            where rewriteAll || location == nil || location!.checkpointID > lastCompletedCheckpoint {
                write.insert(index)
            }
            for index in write.sorted() {
                let bytes = structure.pageBytes(index)
                pages[index] = PageLocation(
                    file: pageFilePath, offset: pageFile.count, length: bytes.count, checksum: CRC32C.checksum(bytes),
                    checkpointID: checkpointID)
                pageFile.append(contentsOf: bytes)
            }
            next[structure.name] = pages
            images.append(PagedStructureImage(name: structure.name, geometry: structure.geometry, pages: pages.map { $0! }))
        }
        locations = next
        let manifest = PageSnapshotManifest(checkpointID: checkpointID, extra: extra, structures: images)
        var sizes: [String: Int] = [:]
        for file in manifest.files { sizes[file] = file == pageFilePath ? pageFile.count : fileSizes[file] }
        fileSizes = sizes
        return PreparedPageSnapshot(pageFilePath: pageFilePath, pageFile: pageFile, manifest: manifest)
    }

    /// Checkpoint `checkpointID` is complete: its page images (and earlier ones) may be referenced.
    public func notifyComplete(_ checkpointID: Int64) {
        lastCompletedCheckpoint = max(lastCompletedCheckpoint, checkpointID)
    }

    /// Whether the files referenced now are so many, or so much bigger than the live pages, that
    /// this snapshot should write every page.
    func needsFullRewrite(_ structures: [PagedStructureSource]) -> Bool {
        guard !fileSizes.isEmpty else { return false }
        let live = structures.reduce(0) { total, structure in
            total + (locations[structure.name] ?? []).reduce(0) { $0 + ($1?.length ?? 0) }
        }
        let referenced = fileSizes.values.reduce(0, +)
        return fileSizes.count > maxReferencedFiles || referenced > 2 * max(live, 1)
    }

    /// Restores the page locations of a manifest (a restored checkpoint is complete by definition)
    /// and hands back each structure's pages.
    /// - Parameters:
    ///   - readFile: the bytes of a page file by path (the storage verifies its own checksum).
    /// - Returns: per structure name, its geometry and a function from page index to bytes; each
    ///   page's CRC-32C is verified when it is read.
    public func restore(
        _ manifest: PageSnapshotManifest, readFile: (String) throws -> [UInt8]
    ) throws -> [String: RestoredPagedStructure] {
        var files: [String: [UInt8]] = [:]
        for file in manifest.files { files[file] = try readFile(file) }
        var result: [String: RestoredPagedStructure] = [:]
        locations = [:]
        for structure in manifest.structures {
            var pages: [[UInt8]] = []
            for (index, page) in structure.pages.enumerated() {
                let bytes = files[page.file]!
                guard page.offset >= 0, page.length >= 0, page.offset + page.length <= bytes.count else {
                    throw FileError(
                        .truncated, "page \(index) of '\(structure.name)' lies beyond the file's \(bytes.count) bytes",
                        path: page.file, offset: page.offset)
                }
                let image = Array(bytes[page.offset..<(page.offset + page.length)])
                guard CRC32C.checksum(image) == page.checksum else {
                    throw FileError(
                        .corrupt, "page \(index) of '\(structure.name)' does not match its checksum", path: page.file,
                        offset: page.offset)
                }
                pages.append(image)
            }
            locations[structure.name] = structure.pages
            result[structure.name] = RestoredPagedStructure(geometry: structure.geometry, pages: pages)
        }
        fileSizes = files.mapValues(\.count)
        lastCompletedCheckpoint = manifest.checkpointID
        return result
    }
}

/// A snapshot whose pages were copied: what the caller writes out.
public struct PreparedPageSnapshot: Sendable {
    public var pageFilePath: String
    /// The changed pages, back to back (empty when nothing changed: then no file is needed).
    public var pageFile: [UInt8]
    public var manifest: PageSnapshotManifest
}

/// One structure read back from a snapshot, its pages verified.
public struct RestoredPagedStructure: Sendable {
    public var geometry: [UInt8]
    public var pages: [[UInt8]]
}
