import Foundation
import Testing

@Suite struct CommandLineTests {
    static let subcommands: [[String]] = [
        [], ["gen"], ["gen", "clicks"], ["run"], ["run", "keyed-count"], ["run", "tumble-count"], ["bench"], ["bench", "memory"], ["bench", "exchange"], ["bench", "state"], ["bench", "snapshot"], ["bench", "keyed-count"], ["bench", "tumble-count"], ["bench", "pipeline"], ["bench", "latency"],
    ]

    @Test(arguments: subcommands)
    func everySubcommandHasHelp(_ path: [String]) throws {
        let result = try EddyExecutable.run(path + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: eddy"))
        #expect(result.stdout.contains("-h, --help"))
    }

    @Test func genClicksIsDeterministicAndValidatesOptions() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let arguments = ["gen", "clicks", "--events", "5000", "--users", "100", "--items", "10",
                         "--events-per-second", "100", "--seed", "9"]
        #expect(try EddyExecutable.run(arguments + ["--output", directory + "/a.csv"]).status == 0)
        #expect(try EddyExecutable.run(arguments + ["--output", directory + "/b.csv"]).status == 0)
        let a = try String(contentsOfFile: directory + "/a.csv", encoding: .utf8)
        #expect(a == (try String(contentsOfFile: directory + "/b.csv", encoding: .utf8)))
        let rows = a.split(separator: "\n")
        #expect(rows.count == 5000)
        #expect(rows.allSatisfy { $0.split(separator: ",").count == 3 })

        let bad = try EddyExecutable.run(["gen", "clicks", "--events", "10", "--users", "0", "--output", directory + "/c.csv"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("users"))
    }

    @Test func keyedCountRejectsUnbuiltBackendsByName() throws {
        let result = try EddyExecutable.run(["run", "keyed-count", "--input", "x", "--output", "y", "--backend", "bogus"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("bogus"))
    }
}
