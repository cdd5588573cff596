import ArgumentParser

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Eddy's hot paths, each against a baseline in the same run.",
        subcommands: [
            MemoryBenchCommand.self, ExchangeBenchCommand.self, StateBenchCommand.self, SnapshotBenchCommand.self,
            KeyedCountBenchCommand.self, TumbleCountBenchCommand.self, PipelineBenchCommand.self, LatencyBenchCommand.self,
            CheckpointBenchCommand.self,
            UniqueVisitorBenchCommand.self, WindowBenchCommand.self,
        ])
}
