import EddyMemory
import Foundation

/// Checkpoint storage in a local directory: `<root>/<jobID>/` with `chk-<n>/`, `shared/` and
/// `taskowned/` below it (ARCHITECTURE.md §5). Writes are fsync'ed and atomically renamed.
///
/// Thread-safety: stateless apart from the registry, which locks; safe from any thread.
public final class LocalCheckpointStorage: CheckpointStorage {
    /// The job's directory.
    public let directory: String
    public let sharedRegistry: SharedStateRegistry

    /// - Parameters:
    ///   - root: the checkpoint root (`--checkpoint-dir`).
    ///   - jobID: the job's directory name below the root.
    public init(root: String, jobID: String) throws {
        let directory = root + "/" + jobID
        self.directory = directory
        sharedRegistry = SharedStateRegistry { relativePath in
            try? FileManager.default.removeItem(atPath: directory + "/" + relativePath)
        }
        for sub in [CheckpointStorageLocation.sharedDirectory, CheckpointStorageLocation.taskOwnedDirectory] {
            do {
                try FileManager.default.createDirectory(atPath: directory + "/" + sub, withIntermediateDirectories: true)
            } catch {
                throw StateError(.io, "cannot create checkpoint directory", path: directory + "/" + sub, underlying: error)
            }
        }
    }

    public func absolutePath(_ relativePath: String) -> String { directory + "/" + relativePath }

    public func write(_ bytes: [UInt8], to relativePath: String) throws -> StateFileHandle {
        let path = absolutePath(relativePath)
        try makeParent(of: path)
        do {
            let checksum = try DurableFile.write(bytes, to: path)
            return StateFileHandle(
                path: relativePath, size: Int64(bytes.count), checksum: checksum,
                shared: StateFileHandle.isShared(relativePath))
        } catch {
            throw StateError(.io, "cannot write snapshot file", path: path, underlying: error)
        }
    }

    public func copyIn(localFile: String, to relativePath: String) throws -> StateFileHandle {
        let path = absolutePath(relativePath)
        try makeParent(of: path)
        do {
            let (size, checksum) = try DurableFile.copy(from: localFile, to: path)
            return StateFileHandle(
                path: relativePath, size: Int64(size), checksum: checksum,
                shared: StateFileHandle.isShared(relativePath))
        } catch {
            throw StateError(.io, "cannot copy \(localFile) into checkpoint storage", path: path, underlying: error)
        }
    }

    public func read(_ handle: StateFileHandle) throws -> [UInt8] {
        let path = absolutePath(handle.path)
        guard FileManager.default.fileExists(atPath: path) else {
            throw StateError(.missingFile, "snapshot file is missing", path: path)
        }
        let bytes: [UInt8]
        do { bytes = try DurableFile.read(path) } catch {
            throw StateError(.io, "cannot read snapshot file", path: path, underlying: error)
        }
        try SnapshotFileVerification.verify(size: bytes.count, checksum: CRC32C.checksum(bytes), against: handle, path: path)
        return bytes
    }

    public func copyOut(_ handle: StateFileHandle, toLocalFile localPath: String) throws {
        let path = absolutePath(handle.path)
        guard FileManager.default.fileExists(atPath: path) else {
            throw StateError(.missingFile, "snapshot file is missing", path: path)
        }
        let copied: (size: Int, checksum: UInt32)
        do { copied = try DurableFile.copy(from: path, to: localPath) } catch {
            throw StateError(.io, "cannot copy snapshot file to \(localPath)", path: path, underlying: error)
        }
        do {
            try SnapshotFileVerification.verify(size: copied.size, checksum: copied.checksum, against: handle, path: path)
        } catch {
            try? FileManager.default.removeItem(atPath: localPath)
            throw error
        }
    }

    public func delete(relativePath: String) {
        try? FileManager.default.removeItem(atPath: absolutePath(relativePath))
    }

    private func makeParent(of path: String) throws {
        let parent = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw StateError(.io, "cannot create directory", path: parent, underlying: error)
        }
    }
}
