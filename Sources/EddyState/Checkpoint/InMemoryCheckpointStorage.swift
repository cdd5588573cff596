import EddyMemory
import Foundation
import Synchronization

/// Checkpoint storage in memory, bounded in size: for tests and small jobs (Flink's
/// JobManagerCheckpointStorage). Files are byte arrays keyed by relative path; nothing survives the
/// process.
///
/// Thread-safety: one mutex around the files.
public final class InMemoryCheckpointStorage: CheckpointStorage {
    /// Most bytes held at once; a write beyond it fails (as Flink's 5 MB state-size limit).
    public let capacityBytes: Int
    public let sharedRegistry: SharedStateRegistry
    private let table = FileTable()

    /// The files, in a class so the registry's delete callback can share them.
    private final class FileTable: Sendable {
        let files = Mutex<[String: [UInt8]]>([:])
    }

    public init(capacityBytes: Int = 64 << 20) {
        self.capacityBytes = capacityBytes
        let table = self.table
        sharedRegistry = SharedStateRegistry { path in _ = table.files.withLock { $0.removeValue(forKey: path) } }
    }

    /// Bytes held now.
    public var usedBytes: Int { table.files.withLock { $0.values.reduce(0) { $0 + $1.count } } }

    public func write(_ bytes: [UInt8], to relativePath: String) throws -> StateFileHandle {
        try table.files.withLock { files in
            let used = files.values.reduce(0) { $0 + $1.count } - (files[relativePath]?.count ?? 0)
            guard used + bytes.count <= capacityBytes else {
                throw StateError(
                    .io, "in-memory checkpoint storage full: \(used) + \(bytes.count) bytes exceed \(capacityBytes)",
                    path: "memory:" + relativePath)
            }
            files[relativePath] = bytes
        }
        return StateFileHandle(
            path: relativePath, size: Int64(bytes.count), checksum: CRC32C.checksum(bytes),
            shared: StateFileHandle.isShared(relativePath))
    }

    public func copyIn(localFile: String, to relativePath: String) throws -> StateFileHandle {
        let bytes: [UInt8]
        do { bytes = try DurableFile.read(localFile) } catch {
            throw StateError(.io, "cannot read local file", path: localFile, underlying: error)
        }
        return try write(bytes, to: relativePath)
    }

    public func read(_ handle: StateFileHandle) throws -> [UInt8] {
        guard let bytes = table.files.withLock({ $0[handle.path] }) else {
            throw StateError(.missingFile, "snapshot file is missing", path: "memory:" + handle.path)
        }
        try SnapshotFileVerification.verify(
            size: bytes.count, checksum: CRC32C.checksum(bytes), against: handle, path: "memory:" + handle.path)
        return bytes
    }

    public func copyOut(_ handle: StateFileHandle, toLocalFile path: String) throws {
        let bytes = try read(handle)
        do { _ = try DurableFile.write(bytes, to: path) } catch {
            throw StateError(.io, "cannot write local file", path: path, underlying: error)
        }
    }

    public func delete(relativePath: String) {
        _ = table.files.withLock { $0.removeValue(forKey: relativePath) }
    }

    /// Test hook: replaces a stored file's bytes (to simulate corruption).
    public func overwrite(relativePath: String, with bytes: [UInt8]) {
        table.files.withLock { $0[relativePath] = bytes }
    }
}
