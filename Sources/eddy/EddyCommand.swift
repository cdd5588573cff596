import ArgumentParser

/// Entry point: `eddy <subcommand>`. Subcommands arrive with the issues that build them.
@main
struct EddyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eddy",
        abstract: "Eddy: a stateful stream processor (sources, keyed state, event time, windows, checkpoints).",
        subcommands: [GenerateCommand.self, RunCommand.self, BenchCommand.self])
}
