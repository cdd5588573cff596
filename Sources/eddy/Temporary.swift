import ArgumentParser
struct GenerateCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "gen", abstract: "Generate input data.") }
struct RunCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a built-in job.") }
