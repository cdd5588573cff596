import Foundation

/// A fresh directory under the system temp directory, removed by ``remove()``; tests run in parallel,
/// so each gets its own.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("eddy-rocksdb-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A path inside the directory (not created).
    func appending(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Bytes of a string, for readable keys.
func bytes(_ string: String) -> [UInt8] { Array(string.utf8) }
