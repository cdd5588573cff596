import EddyCore
import EddyState
import Testing

@testable import EddyRuntime

@Suite struct CheckpointMetadataFileTests {
    let checkpoint = CompletedCheckpoint(
        jobID: "job", checkpointID: 7, kind: "checkpoint", timestampMillis: 42, maxParallelism: 128,
        operators: ["1-source": .init(parallelism: 2, subtasks: [0: OperatorSubtaskState(), 1: OperatorSubtaskState()])])

    @Test func roundTrips() throws {
        let bytes = try CheckpointMetadataFile.encode(checkpoint)
        #expect(try CheckpointMetadataFile.decode(bytes, path: "x/_metadata") == checkpoint)
    }

    @Test func everyFlippedByteIsRefusedNamingTheFile() throws {
        let bytes = try CheckpointMetadataFile.encode(checkpoint)
        for index in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            var damaged = bytes
            damaged[index] ^= 0x20
            #expect(throws: StateError.self) { try CheckpointMetadataFile.decode(damaged, path: "chk-7/_metadata") }
            do { _ = try CheckpointMetadataFile.decode(damaged, path: "chk-7/_metadata") } catch let error as StateError {
                #expect(error.code == .corruptSnapshot)
                #expect("\(error)".contains("chk-7/_metadata"))
            }
        }
    }

    @Test func truncationsAreRefused() throws {
        let bytes = try CheckpointMetadataFile.encode(checkpoint)
        for length in [0, 5, 12, bytes.count / 2, bytes.count - 1] {
            #expect(throws: StateError.self) { try CheckpointMetadataFile.decode(Array(bytes[..<length]), path: "m") }
        }
    }
}
