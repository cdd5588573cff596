import ArgumentParser
import Eddy

/// Options shared by the built-in click jobs.
struct ClickJobArguments: ParsableArguments {
    @Option(name: .customLong("input"), help: "Input CSV (user_id,item_id,ts_millis); repeat for several files.")
    var inputs: [String]
    @Option(help: "Output CSV.") var output: String
    @Option(help: "State backend: heap, filesystem or rocksdb.") var backend: StateBackendKind = .rocksdb
    @Option(help: "Parallelism of the job.") var parallelism = 1
    @Option(help: "Checkpoint directory (<dir>/<job-id>/chk-<n>); a rerun resumes from its newest checkpoint.")
    var checkpointDir: String?
    @Option(help: "Periodic checkpoints: 500ms, 10s, 1m (needs --checkpoint-dir; --output becomes a directory of part files, exactly once).")
    var checkpointInterval: String?
    @Option(help: "Start from this checkpoint or savepoint (_metadata file, chk-<n> or savepoint directory).")
    var restore: String?
    @Option(help: "Job ID naming the checkpoint directory (default: the job's name).") var jobId: String?
    @Option(help: "Local state directory (RocksDB databases, removed at the end).") var stateDir: String?
    @Option(help: "Where malformed lines go (default OUTPUT.dead-letters).") var deadLetterOutput: String?
    @Option(help: "Memory budget in MiB (exchange buffers, RocksDB cache and write buffers).") var memoryMib = 1024

    func validate() throws {
        guard parallelism >= 1 && parallelism <= 128 else { throw ValidationError("--parallelism \(parallelism) outside 1...128") }
        guard memoryMib >= 64 else { throw ValidationError("--memory-mib \(memoryMib): at least 64") }
        if let checkpointInterval {
            guard DurationArgument.milliseconds(checkpointInterval) != nil else {
                throw ValidationError("--checkpoint-interval \(checkpointInterval): expected a positive number with ms, s, m or h")
            }
            guard checkpointDir != nil else { throw ValidationError("--checkpoint-interval needs --checkpoint-dir") }
        }
    }

    var options: ClickJobOptions {
        var options = ClickJobOptions(inputs: inputs, output: output)
        if checkpointInterval != nil {
            // SIGUSR1: savepoint; SIGTERM: stop with a savepoint (see SavepointSignals).
            let signals = SavepointSignals()
            options.onJobDeployed = { job, store in signals.track(job, store) }
        }
        options.backend = backend
        options.parallelism = parallelism
        options.checkpointDirectory = checkpointDir
        options.checkpointIntervalMillis = checkpointInterval.flatMap(DurationArgument.milliseconds)
        options.restorePath = restore
        options.jobID = jobId
        options.stateDirectory = stateDir
        options.deadLetterOutput = deadLetterOutput
        options.memoryBudgetBytes = memoryMib << 20
        return options
    }
}

extension StateBackendKind: ExpressibleByArgument {}
