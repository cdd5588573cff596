import Synchronization

/// Reference counts of shared snapshot files: each retained snapshot that refers to a file holds one
/// reference; when the last snapshot referring to it is discarded, the file is deleted. Flink's
/// `SharedStateRegistryImpl`.
///
/// Thread-safety: all methods may be called from any thread (one mutex).
public final class SharedStateRegistry: Sendable {
    private struct State {
        var references: [String: Int] = [:]
        var filesOfSnapshot: [String: [String]] = [:]
    }
    private let state = Mutex(State())
    private let deleteFile: @Sendable (String) -> Void

    /// - Parameter deleteFile: removes a shared file by its relative path.
    public init(deleteFile: @escaping @Sendable (String) -> Void) {
        self.deleteFile = deleteFile
    }

    /// Records that snapshot `snapshotID` (unique per job, e.g. `chk-7/op-1/subtask-0`) refers to
    /// the shared files among `files`.
    public func register(snapshotID: String, files: [StateFileHandle]) {
        let shared = files.filter(\.shared).map(\.path)
        state.withLock { state in
            precondition(state.filesOfSnapshot[snapshotID] == nil, "snapshot \(snapshotID) registered twice")
            state.filesOfSnapshot[snapshotID] = shared
            for path in shared { state.references[path, default: 0] += 1 }
        }
    }

    /// Drops snapshot `snapshotID`'s references and deletes the files nothing refers to any more.
    /// - Returns: the deleted paths.
    @discardableResult
    public func discard(snapshotID: String) -> [String] {
        let unreferenced: [String] = state.withLock { state in
            guard let paths = state.filesOfSnapshot.removeValue(forKey: snapshotID) else { return [] }
            var dead: [String] = []
            for path in paths {
                let count = (state.references[path] ?? 1) - 1
                if count <= 0 {
                    state.references[path] = nil
                    dead.append(path)
                } else {
                    state.references[path] = count
                }
            }
            return dead
        }
        for path in unreferenced { deleteFile(path) }
        return unreferenced
    }

    /// How many retained snapshots refer to `path` (0 when none).
    public func referenceCount(of path: String) -> Int {
        state.withLock { $0.references[path] ?? 0 }
    }

    /// The shared files some retained snapshot refers to.
    public var referencedFiles: Set<String> {
        state.withLock { Set($0.references.keys) }
    }
}
