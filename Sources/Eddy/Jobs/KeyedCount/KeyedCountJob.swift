import EddyCore
import EddyStateRocksDB
import Foundation

/// The keyed count: clicks per user, state in RocksDB. Reads `user_id,item_id,ts_millis` CSV, counts
/// per user (a read-modify-write of a per-key value, as a keyed `ValueState`), takes a local native
/// checkpoint of the state when the input ends and writes `user_id,count` rows in key-group order.
///
/// Malformed lines go to the dead-letter file with file, line and reason, and are counted; the job
/// goes on. This is the main job until windowing lands; the streaming runtime (tasks, parallelism,
/// periodic checkpoints and recovery) replaces this single-threaded loop in later issues.
public struct KeyedCountJob {
    public var input: String
    public var output: String
    /// Where malformed input lines go; default `output + ".dead-letters"`.
    public var deadLetterOutput: String?
    /// Parent of the job's RocksDB working directory (removed when the job ends).
    public var stateDirectory: String
    /// Parent of the job's checkpoints: `<dir>/<jobId>/chk-1/`.
    public var checkpointDirectory: String
    public var maxParallelism = KeyGroupRangeAssignment.defaultMaxParallelism
    public var blockCacheBytes = 64 << 20
    public var jobID = "keyed-count-" + UUID().uuidString.prefix(8).lowercased()

    public init(input: String, output: String, stateDirectory: String, checkpointDirectory: String) {
        self.input = input
        self.output = output
        self.stateDirectory = stateDirectory
        self.checkpointDirectory = checkpointDirectory
    }

    /// Runs the job to the end of its input.
    /// - Throws: I/O errors naming the file, RocksDB errors naming the path.
    public func run() throws -> KeyedCountResult {
        let started = Date()
        let workingDirectory = "\(stateDirectory)/\(jobID)"
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: workingDirectory) }

        var options = RocksDBOptions()
        options.disableWAL = true  // durability comes from checkpoints, as in Flink
        options.blockCacheBytes = blockCacheBytes
        let database = try RocksDB.open(path: workingDirectory, options: options, columnFamilies: ["counts"])
        defer { database.close() }
        let table = RocksDBCountTable(
            database: database, family: database.columnFamily(named: "counts")!, maxParallelism: maxParallelism)

        let deadLetters = try DeadLetterFile(path: deadLetterOutput ?? output + ".dead-letters")
        let stats = try ClickCSVReader(path: input).forEach(
            { click in try table.increment(click.userID) },
            deadLetter: { deadLetters.append($0) })
        try deadLetters.close()

        let checkpoint = try LocalCheckpoint.write(
            database: database, root: checkpointDirectory, jobID: jobID, checkpointID: 1,
            description: ["job": "keyed-count", "input": input, "recordsRead": "\(stats.records)"])

        let writer = try IntegerCSVWriter(path: output)
        try table.forEach { user, count in try writer.writeRow(user, count) }
        let written = try writer.close()
        return KeyedCountResult(
            records: stats.records, deadLetters: stats.deadLetters, users: written.records,
            seconds: Date().timeIntervalSince(started), checkpointPath: checkpoint)
    }
}

/// What a keyed-count run did.
public struct KeyedCountResult: Sendable {
    public var records: Int
    public var deadLetters: Int
    public var users: Int
    public var seconds: Double
    public var checkpointPath: String
}
