/// Where snapshots are written: a local directory (`LocalCheckpointStorage`, the default) or memory
/// (`InMemoryCheckpointStorage`, size-bounded, for tests and small jobs; Flink's
/// JobManagerCheckpointStorage). Paths are relative to the job's directory; the layout is
/// ARCHITECTURE.md §5: `chk-<n>/` (exclusive to one checkpoint), `shared/` (incremental files,
/// reference-counted by ``SharedStateRegistry``), `taskowned/`.
///
/// Every write is durable before it returns (fsync'ed and atomically renamed on disk) and yields a
/// ``StateFileHandle`` with size and CRC-32C; every read verifies both and names the file on error.
///
/// Thread-safety: all methods may be called from any thread (asynchronous snapshot parts run on
/// their own threads).
public protocol CheckpointStorage: AnyObject, Sendable {
    /// Writes `bytes` to `relativePath` durably.
    /// - Throws: ``StateError`` (`.io`) naming the file.
    func write(_ bytes: [UInt8], to relativePath: String) throws -> StateFileHandle
    /// Copies a local file (a RocksDB SST) into storage durably.
    func copyIn(localFile: String, to relativePath: String) throws -> StateFileHandle
    /// Reads a file back, verifying its size and checksum.
    /// - Throws: ``StateError`` `.missingFile` or `.corruptSnapshot` naming the file.
    func read(_ handle: StateFileHandle) throws -> [UInt8]
    /// Copies a file out to a local path, verifying its size and checksum.
    func copyOut(_ handle: StateFileHandle, toLocalFile path: String) throws
    /// Removes a file; a missing file is not an error.
    func delete(relativePath: String)
    /// The registry of shared files of this job.
    var sharedRegistry: SharedStateRegistry { get }
}

/// The directories one checkpoint writes into.
public struct CheckpointStorageLocation: Sendable {
    public let storage: any CheckpointStorage
    public let checkpointID: Int64

    public init(storage: any CheckpointStorage, checkpointID: Int64) {
        self.storage = storage
        self.checkpointID = checkpointID
    }

    /// Files only this checkpoint uses: `chk-<n>`.
    public var exclusiveDirectory: String { "chk-\(checkpointID)" }
    /// Files later checkpoints may reuse.
    public static let sharedDirectory = "shared"
    public static let taskOwnedDirectory = "taskowned"
}

extension StateFileHandle {
    /// Whether a path lies in the shared directory.
    public static func isShared(_ relativePath: String) -> Bool {
        relativePath.hasPrefix(CheckpointStorageLocation.sharedDirectory + "/")
    }
}
