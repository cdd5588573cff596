import Foundation

/// A fresh directory under the system temp directory, removed by ``remove()``; tests run in parallel,
/// so each gets its own.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("eddy-state-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A path inside the directory (not created).
    func appending(_ name: String) -> String { path + "/" + name }

    /// Every file below the directory, as paths relative to it, sorted.
    func allFiles() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: path)
        var files: [String] = []
        while let next = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: appending(next), isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(next)
            }
        }
        return files.sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Runs `body` with a fresh directory and removes it afterwards.
    static func with<T>(_ body: (TemporaryDirectory) throws -> T) throws -> T {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        return try body(directory)
    }
}

/// Bytes of a string, for readable payloads.
func bytes(_ string: String) -> [UInt8] { Array(string.utf8) }

/// Replaces a file's contents (to simulate damage on disk).
func overwriteFile(_ path: String, with contents: [UInt8]) throws {
    try Data(contents).write(to: URL(fileURLWithPath: path))
}

/// A file's contents.
func contentsOfFile(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}
