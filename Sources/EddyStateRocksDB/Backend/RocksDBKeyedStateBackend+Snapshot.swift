import EddyState
import Foundation

/// Snapshots: `.checkpoint` → ``RocksDBIncrementalSnapshotStrategy``, `.canonicalSavepoint` →
/// ``RocksDBSavepointStrategy``.
extension RocksDBKeyedStateBackend {
    /// Takes a snapshot; the synchronous part runs now. Writes made after this returns are not in it.
    /// - Throws: ``StateError`` `.backend` when RocksDB fails the synchronous part.
    public func snapshot(
        checkpointID: Int64, kind: SnapshotKind, location: CheckpointStorageLocation
    ) throws -> SnapshotInProgress {
        precondition(!db.isClosed, "snapshot of a disposed backend")
        let ordered = states.values.sorted { $0.meta.name < $1.meta.name }
        var template = KeyedStateHandle(
            format: .rocksDBNative, backend: "rocksdb", keyGroupRange: keyGroupRange, maxParallelism: maxParallelism,
            states: ordered.map(\.meta.info), files: [], newBytes: 0)
        switch kind {
        case .checkpoint:
            return try RocksDBIncrementalSnapshotStrategy(
                db: db, workingDirectory: parameters.workingDirectory, filePrefix: parameters.filePrefix,
                incarnation: incarnation, tracker: uploads, handleTemplate: template
            ).snapshot(checkpointID: checkpointID, location: location)
        case .canonicalSavepoint:
            template.format = .keyGroupFiles
            return RocksDBSavepointStrategy(
                db: db, layout: context.layout, filePrefix: parameters.filePrefix, handleTemplate: template,
                clock: parameters.clock
            ).snapshot(
                checkpointID: checkpointID, location: location,
                states: ordered.map { ($0.meta, $0.family, $0.compaction.ttl) })
        }
    }
}
