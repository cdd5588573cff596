import EddyCore
import EddyRuntime
import EddyState
import Foundation

/// A fresh checkpoint root under the temporary directory.
func makeCheckpointRoot(_ name: String = #function) -> String {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-ckpt-\(safe)-\(UUID().uuidString.prefix(8))").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Writes one exclusive and one shared file for checkpoint `id` of `operatorID`, as an operator
/// would, and returns what it acknowledged.
func writeSubtaskState(
    _ storage: any CheckpointStorage, checkpointID id: Int64, sharedName: String, reusing: [StateFileHandle] = []
) throws -> OperatorSubtaskState {
    let exclusive = try storage.write(Array("state of \(id)".utf8), to: "chk-\(id)/op-1-0.state")
    let shared = try storage.write(Array("shared \(sharedName)".utf8), to: "shared/\(sharedName)")
    let handle = KeyedStateHandle(
        format: .keyGroupFiles, backend: "test", keyGroupRange: KeyGroupRange(start: 0, end: 127), maxParallelism: 128,
        states: [], files: [exclusive, shared] + reusing, newBytes: exclusive.size + shared.size)
    return OperatorSubtaskState(keyedState: [handle])
}

func acknowledged(_ id: Int64, _ state: OperatorSubtaskState, options: CheckpointOptions = CheckpointOptions()) -> AcknowledgedCheckpoint {
    AcknowledgedCheckpoint(
        checkpointID: id, options: options, timestampMillis: 1_000 * id, operators: ["1-op": [0: state]],
        parallelism: ["1-op": 1], maxParallelism: 128)
}

func fileExists(_ storage: LocalCheckpointStorage, _ relativePath: String) -> Bool {
    FileManager.default.fileExists(atPath: storage.absolutePath(relativePath))
}
