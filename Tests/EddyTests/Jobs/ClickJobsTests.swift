import Eddy
import EddyCore
import EddyState
import Foundation
import EddyRuntime
import Testing

@Suite struct ClickJobsTests {
    let directory: String
    let options = ClickGeneratorOptions(events: 30_000, users: 900, items: 40, eventsPerSecond: 500, seed: 11)

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-click-jobs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Two input files (so both subtasks read at parallelism 2) with two malformed lines.
    func writeInput() throws -> [String] {
        let clicks = Array(ClickGenerator(options: options))
        let half = clicks.count / 2
        var paths: [String] = []
        for (index, part) in [clicks[..<half], clicks[half...]].enumerated() {
            let writer = try ClickCSVWriter(path: "\(directory)/clicks-\(index).csv")
            try writer.write(contentsOf: Array(part))
            try writer.close()
            paths.append("\(directory)/clicks-\(index).csv")
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: paths[1]))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("12,abc,5\nonly-one-field\n".utf8))
        try handle.close()
        return paths
    }

    func rows(_ path: String) throws -> [[Int64]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map { Int64($0)! } }
    }

    @Test(arguments: StateBackendKind.allCases, [1, 2])
    func keyedCountEqualsAReferenceCount(_ backend: StateBackendKind, _ parallelism: Int) throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var job = ClickJobOptions(inputs: try writeInput(), output: directory + "/counts.csv")
        job.backend = backend
        job.parallelism = parallelism
        job.stateDirectory = directory + "/state"
        let report = try ClickJobs.keyedCount(job)
        var expected: [Int64: Int64] = [:]
        for click in ClickGenerator(options: options) { expected[click.userID, default: 0] += 1 }
        var actual: [Int64: Int64] = [:]
        for row in try rows(job.output) {
            #expect(actual[row[0]] == nil, "user \(row[0]) written twice")
            actual[row[0]] = row[1]
        }
        #expect(actual == expected)
        #expect(report.records == 30_000)
        #expect(report.deadLetters == 2)
        let deadLetters = try String(contentsOfFile: job.output + ".dead-letters", encoding: .utf8).split(separator: "\n")
        #expect(deadLetters.count == 2)
        #expect(deadLetters.contains { $0.contains("clicks-1.csv:15001: field 2 (item_id)") })
        #expect(deadLetters.contains { $0.contains("clicks-1.csv:15002: expected 3 fields") })
    }

    @Test(arguments: StateBackendKind.allCases, [1, 2])
    func tumbleCountEqualsAReferenceCount(_ backend: StateBackendKind, _ parallelism: Int) throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var job = ClickJobOptions(inputs: try writeInput(), output: directory + "/windows.csv")
        job.backend = backend
        job.parallelism = parallelism
        job.stateDirectory = directory + "/state"
        _ = try ClickJobs.tumbleCount(job, windowMillis: 5_000)
        // The generator delays events by at most 2 s, which the watermark allows: nothing is late.
        var expected: [[Int64]: Int64] = [:]
        for click in ClickGenerator(options: options) {
            let start = click.timestampMillis - click.timestampMillis % 5_000
            expected[[start, start + 5_000, click.itemID], default: 0] += 1
        }
        var actual: [[Int64]: Int64] = [:]
        for row in try rows(job.output) {
            #expect(actual[Array(row[0..<3])] == nil, "window written twice")
            actual[Array(row[0..<3])] = row[3]
        }
        #expect(actual == expected)
    }

    @Test func theFinalCheckpointRestoresTheCounts() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var job = ClickJobOptions(inputs: try writeInput(), output: directory + "/counts.csv")
        job.backend = .rocksdb
        job.parallelism = 2
        job.stateDirectory = directory + "/state"
        job.checkpointDirectory = directory + "/checkpoints"
        let report = try ClickJobs.keyedCount(job)
        let metadataPath = try #require(report.checkpointMetadata)
        let metadata = try CheckpointRecovery.readMetadata(at: metadataPath)
        #expect(metadata.kind == "final")
        let counter = try #require(metadata.operators.first { $0.key.contains("count-per-user") }?.value)
        let handles = counter.subtasks.values.flatMap(\.keyedState)
        #expect(handles.count == 2)
        // Restore both subtasks' state into one heap backend (rescale 2 → 1, RocksDB → heap needs a
        // canonical savepoint, so restore into RocksDB) and compare every user's count.
        let storage = try LocalCheckpointStorage(root: directory + "/checkpoints", jobID: report.jobID)
        let restored = try StateBackendKind.rocksdb.makeKeyedBackend(
            KeyedBackendParameters(
                operatorID: "restore", keySerializer: IntegerSerializer<Int64>(), keyGroupRange: KeyGroupRange(start: 0, end: 127),
                storage: storage, workingDirectory: directory + "/restored"),
            restoring: handles)
        defer { restored.dispose() }
        let count = try restored.valueState(ValueStateDescriptor(name: "count", serializer: IntegerSerializer<Int64>()), namespaceSerializer: VoidNamespaceSerializer())
        var expected: [Int64: Int64] = [:]
        for click in ClickGenerator(options: options) { expected[click.userID, default: 0] += 1 }
        for (user, total) in expected {
            restored.setCurrentKey(user)
            #expect(try count.value() == total)
        }
    }
}
