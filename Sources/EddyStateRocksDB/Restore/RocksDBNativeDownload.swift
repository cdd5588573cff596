import EddyState
import Foundation

/// Copies the files of a `.rocksDBNative` handle out of checkpoint storage into a local directory,
/// each under its RocksDB name; storage verifies size and CRC-32C of every file, so a corrupt or
/// missing one fails here with a ``StateError`` naming it, before RocksDB opens anything.
enum RocksDBNativeDownload {
    static func download(_ handle: KeyedStateHandle, storage: any CheckpointStorage, to directory: String) throws {
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw StateError(.io, "cannot create restore directory", path: directory, underlying: error)
        }
        for file in handle.files {
            guard let name = file.localName ?? file.path.split(separator: "/").last.map(String.init) else {
                throw StateError(.corruptSnapshot, "snapshot file has no local name", path: file.path)
            }
            try storage.copyOut(file, toLocalFile: directory + "/" + name)
        }
    }
}
