import EddyCore

/// The description of one written keyed-state snapshot: which files hold it, their sizes and
/// checksums, which key groups and states. Stored in checkpoint metadata; enough to restore.
public struct KeyedStateHandle: Sendable, Hashable, Codable {
    /// How the files are laid out.
    public enum Format: String, Sendable, Hashable, Codable {
        /// Key-group files of ``KeyGroupStateFile`` (heap and filesystem checkpoints, and every
        /// canonical savepoint).
        case keyGroupFiles
        /// A RocksDB checkpoint directory: SST files (shared, reference-counted) and the rest.
        case rocksDBNative
    }

    public var format: Format
    /// The backend that wrote it (`heap`, `filesystem`, `rocksdb`), for messages.
    public var backend: String
    public var keyGroupStart: Int
    public var keyGroupEnd: Int
    public var maxParallelism: Int
    public var states: [StateMetaInfo]
    public var files: [StateFileHandle]
    /// Bytes this snapshot wrote that no earlier snapshot had (the incremental size).
    public var newBytes: Int64

    public init(
        format: Format, backend: String, keyGroupRange: KeyGroupRange, maxParallelism: Int,
        states: [StateMetaInfo], files: [StateFileHandle], newBytes: Int64
    ) {
        self.format = format
        self.backend = backend
        self.keyGroupStart = keyGroupRange.start
        self.keyGroupEnd = keyGroupRange.end
        self.maxParallelism = maxParallelism
        self.states = states
        self.files = files
        self.newBytes = newBytes
    }

    public var keyGroupRange: KeyGroupRange { KeyGroupRange(start: keyGroupStart, end: keyGroupEnd) }

    /// Total bytes of all files referenced (the full size).
    public var totalBytes: Int64 { files.reduce(0) { $0 + $1.size } }
}

/// One file of a snapshot.
public struct StateFileHandle: Sendable, Hashable, Codable {
    /// Path relative to the job's checkpoint directory (`shared/…`, `chk-3/…`, `taskowned/…`), or
    /// absolute for heap snapshots kept in memory (`memory:` + id).
    public var path: String
    public var size: Int64
    /// CRC-32C of the whole file, checked before anything is restored from it.
    public var checksum: UInt32
    /// Whether the file is shared between checkpoints (reference-counted by the registry).
    public var shared: Bool
    /// The key groups whose entries this file holds, when it is a key-group file.
    public var keyGroups: [Int]?
    /// The name the backend needs to see it under (RocksDB: `000123.sst`, `MANIFEST-000005`).
    public var localName: String?

    public init(
        path: String, size: Int64, checksum: UInt32, shared: Bool, keyGroups: [Int]? = nil,
        localName: String? = nil
    ) {
        self.path = path
        self.size = size
        self.checksum = checksum
        self.shared = shared
        self.keyGroups = keyGroups
        self.localName = localName
    }
}
