import EddyStateRocksDB
import Foundation

/// A local checkpoint of one RocksDB instance: `<root>/<jobId>/chk-<n>/rocksdb/` (a native RocksDB
/// checkpoint: hard links plus the flushed memtable) and `_metadata` (JSON), written last through a
/// temporary file that is fsync'ed and renamed, so a `_metadata` file means a complete checkpoint.
///
/// The checkpoint coordinator, checksums, retention and restore arrive with the checkpoint issue.
enum LocalCheckpoint {
    /// Writes the checkpoint and returns its directory.
    static func write(
        database: RocksDB, root: String, jobID: String, checkpointID: Int, description: [String: String]
    ) throws -> String {
        let directory = "\(root)/\(jobID)/chk-\(checkpointID)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try database.createCheckpoint(at: directory + "/rocksdb")
        var metadata = description
        metadata["jobId"] = jobID
        metadata["checkpointId"] = "\(checkpointID)"
        metadata["createdAt"] = ISO8601DateFormatter().string(from: Date())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let temporary = URL(fileURLWithPath: directory + "/_metadata.tmp")
        try encoder.encode(metadata).write(to: temporary)
        let handle = try FileHandle(forUpdating: temporary)
        try handle.synchronize()
        try handle.close()
        try FileManager.default.moveItem(atPath: temporary.path, toPath: directory + "/_metadata")
        return directory
    }
}
