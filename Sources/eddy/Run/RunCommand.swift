import ArgumentParser

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a built-in job embedded in this process.",
        subcommands: [KeyedCountCommand.self, TumbleCountCommand.self, UniqueVisitorsCommand.self])
}
