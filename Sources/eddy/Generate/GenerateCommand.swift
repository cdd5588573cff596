import ArgumentParser

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen",
        abstract: "Generate deterministic input data.",
        subcommands: [GenerateClicksCommand.self])
}
