import ArgumentParser
import Eddy
import Foundation

struct KeyedCountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keyed-count",
        abstract: "Count clicks per user: reads user_id,item_id,ts_millis CSV, writes user_id,count rows.",
        discussion: """
            State lives in RocksDB under --state-dir (a working directory removed at the end); a native
            checkpoint of it is written to --checkpoint-dir/<jobId>/chk-1. Rows come out in key-group
            order. Malformed lines go to --dead-letter-output (default OUTPUT.dead-letters) and are counted.
            """)

    @Option(help: "Input CSV (user_id,item_id,ts_millis).") var input: String
    @Option(help: "Output CSV (user_id,count).") var output: String
    @Option(help: "State backend. Only rocksdb until the state-backend issue lands.") var backend = "rocksdb"
    @Option(help: "Parent of the job's RocksDB working directory.") var stateDir = "eddy-data/state"
    @Option(help: "Parent of the job's checkpoints.") var checkpointDir = "eddy-data/checkpoints"
    @Option(help: "Where malformed lines go (default OUTPUT.dead-letters).") var deadLetterOutput: String?

    func validate() throws {
        guard backend == "rocksdb" else {
            throw ValidationError("--backend \(backend): only 'rocksdb' is built so far (heap and filesystem come with the state backends)")
        }
    }

    func run() throws {
        var job = KeyedCountJob(input: input, output: output, stateDirectory: stateDir, checkpointDirectory: checkpointDir)
        job.deadLetterOutput = deadLetterOutput
        let result = try job.run()
        FileHandle.standardError.write(Data(String(
            format: "keyed-count: %d records, %d dead letters, %d users in %.2f s (%.0f records/s); checkpoint %@\n",
            result.records, result.deadLetters, result.users, result.seconds,
            Double(result.records) / max(result.seconds, 1e-9), result.checkpointPath).utf8))
    }
}
