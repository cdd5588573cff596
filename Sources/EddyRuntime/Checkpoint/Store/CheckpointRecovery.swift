import EddyState
import Foundation
import Logging

/// Finds what a job restarts from in its checkpoint directory: the newest checkpoint whose
/// `_metadata` and every file it names verify (size and CRC-32C). A newer one that does not verify
/// is skipped with a log line naming the file and why, and left on disk for inspection.
public enum CheckpointRecovery {
    /// A checkpoint found on disk, verified.
    public struct Found: Sendable {
        public var checkpoint: CompletedCheckpoint
        /// The storage its files are relative to (the job directory it was found in).
        public var storage: LocalCheckpointStorage
        /// The `_metadata` path.
        public var metadataPath: String
    }

    /// The checkpoints of `storage`'s job directory that verify, newest first, at most `limit`.
    /// Also removes what a crash left: directories of checkpoints that never completed (no
    /// `_metadata`), and shared files no checkpoint on disk refers to.
    public static func scan(
        _ storage: LocalCheckpointStorage, limit: Int = 1, logger: Logger = Logger(label: "eddy.checkpoint")
    ) -> [Found] {
        let ids = checkpointIDs(in: storage.directory)
        var found: [Found] = []
        var referenced = Set<String>()
        for id in ids.reversed() {
            let metadataPath = "\(storage.directory)/chk-\(id)/\(CheckpointMetadataFile.fileName)"
            guard FileManager.default.fileExists(atPath: metadataPath) else {
                logger.info("removing chk-\(id) of \(storage.directory): it never completed (no _metadata)")
                storage.delete(relativePath: "chk-\(id)")
                continue
            }
            do {
                let checkpoint = try readMetadata(at: metadataPath)
                referenced.formUnion(checkpoint.allFiles.filter(\.shared).map(\.path))
                guard found.count < limit else { continue }
                try verifyFiles(of: checkpoint, in: storage)
                found.append(Found(checkpoint: checkpoint, storage: storage, metadataPath: metadataPath))
            } catch {
                logger.warning("skipping checkpoint chk-\(id) of \(storage.directory): \(error)")
            }
        }
        removeUnreferencedSharedFiles(in: storage, keeping: referenced, logger: logger)
        return found
    }

    /// Reads the checkpoint or savepoint at `path`: a `_metadata` file, a `chk-<n>` directory, or a
    /// savepoint directory holding one `chk-<n>`; verifies every file it names.
    /// - Throws: ``StateError`` naming the file that is missing or corrupt.
    public static func load(path: String) throws -> Found {
        var metadataPath = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            let ids = checkpointIDs(in: path)
            if let newest = ids.last {
                metadataPath = "\(path)/chk-\(newest)/\(CheckpointMetadataFile.fileName)"
            } else {
                metadataPath = "\(path)/\(CheckpointMetadataFile.fileName)"
            }
        }
        let checkpoint = try readMetadata(at: metadataPath)
        // `<root>/<job>/chk-<n>/_metadata`: files are relative to `<root>/<job>`.
        let jobDirectory = URL(fileURLWithPath: metadataPath).deletingLastPathComponent().deletingLastPathComponent()
        let storage = try LocalCheckpointStorage(
            root: jobDirectory.deletingLastPathComponent().path, jobID: jobDirectory.lastPathComponent)
        try verifyFiles(of: checkpoint, in: storage)
        return Found(checkpoint: checkpoint, storage: storage, metadataPath: metadataPath)
    }

    /// Parses and checks a `_metadata` file.
    public static func readMetadata(at path: String) throws -> CompletedCheckpoint {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw StateError(.missingFile, "checkpoint metadata cannot be read", path: path, underlying: error)
        }
        return try CheckpointMetadataFile.decode([UInt8](data), path: path)
    }

    /// Reads every file the checkpoint names and checks its size and checksum.
    public static func verifyFiles(of checkpoint: CompletedCheckpoint, in storage: any CheckpointStorage) throws {
        for file in checkpoint.allFiles { _ = try storage.read(file) }
    }

    /// The ids of the `chk-<n>` directories in `directory`, ascending.
    public static func checkpointIDs(in directory: String) -> [Int64] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { name in name.hasPrefix("chk-") ? Int64(name.dropFirst(4)) : nil }.sorted()
    }

    private static func removeUnreferencedSharedFiles(
        in storage: LocalCheckpointStorage, keeping referenced: Set<String>, logger: Logger
    ) {
        let shared = CheckpointStorageLocation.sharedDirectory
        guard let names = FileManager.default.enumerator(atPath: storage.absolutePath(shared)) else { return }
        var removed = 0
        while let name = names.nextObject() as? String {
            let path = shared + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: storage.absolutePath(path), isDirectory: &isDirectory),
                !isDirectory.boolValue, !referenced.contains(path)
            else { continue }
            storage.delete(relativePath: path)
            removed += 1
        }
        if removed > 0 { logger.info("removed \(removed) shared files of \(storage.directory) no checkpoint refers to") }
    }
}
