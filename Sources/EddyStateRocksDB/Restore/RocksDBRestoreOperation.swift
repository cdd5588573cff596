import EddyCore
import EddyState
import Foundation

/// Builds the backend's database from snapshot handles, all or nothing (the caller removes the
/// working directory when this throws).
///
/// - No handles: a fresh, empty database.
/// - One `.rocksDBNative` handle with this backend's exact key-group range: its files are copied
///   out into the database directory and opened as they are (fast path); its SST files are offered
///   for reuse by the next incremental checkpoint.
/// - Otherwise (rescaling, several handles, key-group files): a fresh database, into which each
///   native handle is copied out and opened temporarily, its key groups in range copied over, and
///   each key-group file is replayed.
struct RocksDBRestoreOperation {
    struct Result {
        var db: RocksDB
        var states: [String: RocksDBRegisteredState]
        /// SST name → stored handle that need not be uploaded again.
        var reusableFiles: [String: StateFileHandle]
    }

    let handles: [KeyedStateHandle]
    let storage: any CheckpointStorage
    let workingDirectory: String
    let databasePath: String
    let keyGroupRange: KeyGroupRange
    let maxParallelism: Int
    let layout: RocksDBKeyLayout
    let options: RocksDBOptions
    let clock: any StateClock

    func run() throws -> Result {
        let catalog = RocksDBStateCatalog(clock: clock)
        for handle in handles where handle.maxParallelism != maxParallelism {
            throw StateError(
                .incompatible,
                "snapshot written with max parallelism \(handle.maxParallelism), the job has \(maxParallelism)")
        }
        if handles.count == 1, let handle = handles.first, handle.format == .rocksDBNative,
            handle.keyGroupRange == keyGroupRange
        {
            try RocksDBNativeDownload.download(handle, storage: storage, to: databasePath)
            let db = try catalog.open(path: databasePath, options: options)
            do {
                let states = try catalog.states(of: db)
                var reusable: [String: StateFileHandle] = [:]
                for file in handle.files where file.shared { if let name = file.localName { reusable[name] = file } }
                return Result(db: db, states: states, reusableFiles: reusable)
            } catch {
                db.close()
                throw error
            }
        }

        let db = try catalog.open(path: databasePath, options: options)
        do {
            var states: [String: RocksDBRegisteredState] = [:]
            for (index, handle) in handles.enumerated() {
                switch handle.format {
                case .rocksDBNative:
                    try restoreRange(of: handle, index: index, into: db, catalog: catalog, states: &states)
                case .keyGroupFiles:
                    try RocksDBKeyGroupFileRestore.restore(
                        handle, storage: storage, range: keyGroupRange, maxParallelism: maxParallelism, layout: layout,
                        into: db, catalog: catalog, states: &states)
                }
            }
            return Result(db: db, states: states, reusableFiles: [:])
        } catch {
            db.close()
            throw error
        }
    }

    /// Copies out one native handle, opens it beside the new database and copies the key groups of
    /// this backend's range that it holds.
    private func restoreRange(
        of handle: KeyedStateHandle, index: Int, into db: RocksDB, catalog: RocksDBStateCatalog,
        states: inout [String: RocksDBRegisteredState]
    ) throws {
        let overlap = KeyGroupRange(
            start: max(handle.keyGroupStart, keyGroupRange.start),
            end: max(min(handle.keyGroupEnd, keyGroupRange.end), max(handle.keyGroupStart, keyGroupRange.start) - 1))
        if overlap.isEmpty { return }
        let directory = workingDirectory + "/restore-\(index)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try RocksDBNativeDownload.download(handle, storage: storage, to: directory)
        let sourceCatalog = RocksDBStateCatalog(clock: clock)
        let source = try sourceCatalog.open(path: directory, options: options)
        defer { source.close() }
        try RocksDBRangeCopy.copy(
            from: source, states: try sourceCatalog.states(of: source), range: overlap, into: db, catalog: catalog,
            states: &states)
    }
}
