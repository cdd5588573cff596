import EddyCore
import Testing
@testable import EddyMemory

@Suite struct IncrementalPageSnapshotsTests {
    let memory = MemoryManager(budgetBytes: 512 * 4096, segmentSize: 4096)

    /// Page files and manifests by path, as a checkpoint storage would keep them.
    final class Files {
        var files: [String: [UInt8]] = [:]
        func write(_ prepared: PreparedPageSnapshot) -> String {
            if !prepared.pageFile.isEmpty { files[prepared.pageFilePath] = prepared.pageFile }
            let path = "manifest-\(prepared.manifest.checkpointID)"
            files[path] = prepared.manifest.bytes
            return path
        }
    }

    func source(_ table: SegmentHashTable, name: String = "table") -> PagedStructureSource {
        PagedStructureSource(
            name: name, geometry: table.geometry.bytes, pageCount: table.pageCount, dirtyPages: table.takeDirtyPages(),
            pageBytes: table.pageBytes)
    }

    func restore(_ manifestPath: String, _ files: Files) throws -> SegmentHashTable {
        let manifest = try PageSnapshotManifest(bytes: files.files[manifestPath]!, path: manifestPath)
        let structures = try IncrementalPageSnapshots().restore(manifest) { files.files[$0]! }
        let table = try #require(structures["table"])
        return try SegmentHashTable(
            restoring: try HashTableGeometry(bytes: table.geometry), memory: memory.register(owner: "restored")) { table.pages[$0] }
    }

    func contents(_ table: SegmentHashTable) -> [UInt64: UInt32] {
        var result: [UInt64: UInt32] = [:]
        table.forEach { result[$0] = table.load(UInt32.self, at: $1) }
        return result
    }

    @Test func laterSnapshotsWriteOnlyChangedPagesAndRestoreTheWhole() throws {
        let table = try SegmentHashTable(valueWidth: 4, memory: memory.register(owner: "t"), initialCapacity: 20_000)
        for key in UInt64(0)..<10_000 { table.store(UInt32(key), at: try table.findOrInsert(key).slot) }
        let snapshots = IncrementalPageSnapshots()
        let files = Files()
        let first = snapshots.prepare(checkpointID: 1, structures: [source(table)], pageFilePath: "pages-1", extra: [1, 2])
        #expect(first.pageFile.count == table.pageCount * 4096)
        _ = files.write(first)
        snapshots.notifyComplete(1)
        table.store(UInt32(99), at: try #require(table.find(5)))
        table.store(UInt32(98), at: try #require(table.find(6)))
        let second = snapshots.prepare(checkpointID: 2, structures: [source(table)], pageFilePath: "pages-2", extra: [3])
        #expect(second.pageFile.count <= 2 * 4096)
        #expect(Set(second.manifest.files) == ["pages-1", "pages-2"])
        let manifest = files.write(second)
        let restored = try restore(manifest, files)
        #expect(contents(restored) == contents(table))
        #expect(try PageSnapshotManifest(bytes: files.files[manifest]!, path: manifest).extra == [3])
    }

    @Test func pagesOfAnUnconfirmedCheckpointAreWrittenAgain() throws {
        let table = try SegmentHashTable(valueWidth: 4, memory: memory.register(owner: "t"), initialCapacity: 5_000)
        for key in UInt64(0)..<3_000 { _ = try table.findOrInsert(key) }
        let snapshots = IncrementalPageSnapshots()
        _ = snapshots.prepare(checkpointID: 1, structures: [source(table)], pageFilePath: "pages-1", extra: [])
        // Checkpoint 1 never completes: checkpoint 2 must not refer to its file.
        let second = snapshots.prepare(checkpointID: 2, structures: [source(table)], pageFilePath: "pages-2", extra: [])
        #expect(second.manifest.files == ["pages-2"])
        #expect(second.pageFile.count == table.pageCount * 4096)
    }

    @Test func manyReferencedFilesLeadToAFullRewrite() throws {
        let table = try SegmentHashTable(valueWidth: 4, memory: memory.register(owner: "t"), initialCapacity: 20_000)
        for key in UInt64(0)..<10_000 { _ = try table.findOrInsert(key) }
        let snapshots = IncrementalPageSnapshots()
        snapshots.maxReferencedFiles = 3
        var written: [Int] = []
        for checkpoint in Int64(1)...6 {
            table.store(UInt32(checkpoint), at: try #require(table.find(UInt64(checkpoint) * 1_000)))
            let prepared = snapshots.prepare(
                checkpointID: checkpoint, structures: [source(table)], pageFilePath: "pages-\(checkpoint)", extra: [])
            #expect(prepared.manifest.files.count <= 4)
            written.append(prepared.pageFile.count / 4096)
            snapshots.notifyComplete(checkpoint)
        }
        #expect(written.contains(table.pageCount))
        #expect(written.filter { $0 < table.pageCount }.count >= 3)
    }

    @Test func flippedBytesAreDetected() throws {
        let table = try SegmentHashTable(valueWidth: 4, memory: memory.register(owner: "t"))
        for key in UInt64(0)..<200 { _ = try table.findOrInsert(key) }
        let files = Files()
        let manifestPath = files.write(IncrementalPageSnapshots().prepare(
            checkpointID: 1, structures: [source(table)], pageFilePath: "pages-1", extra: []))
        var page = files.files["pages-1"]!
        page[100] ^= 0x10
        files.files["pages-1"] = page
        let pageError = #expect(throws: FileError.self) { _ = try restore(manifestPath, files) }
        #expect(pageError?.code == .corrupt)
        #expect(pageError?.path == "pages-1")
        var manifest = files.files[manifestPath]!
        manifest[10] ^= 1
        let manifestError = #expect(throws: FileError.self) { _ = try PageSnapshotManifest(bytes: manifest, path: manifestPath) }
        #expect(manifestError?.message.contains("checksum") == true)
    }
}
