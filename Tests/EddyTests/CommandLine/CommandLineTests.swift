import Foundation
import Testing

@Suite struct CommandLineTests {
    static let subcommands: [[String]] = [
        [], ["gen"], ["gen", "clicks"], ["run"], ["run", "keyed-count"], ["run", "tumble-count"], ["run", "uv"], ["bench"], ["bench", "memory"], ["bench", "exchange"], ["bench", "state"], ["bench", "snapshot"], ["bench", "keyed-count"], ["bench", "tumble-count"], ["bench", "pipeline"], ["bench", "latency"], ["bench", "uv"],
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

    @Test func runUVWritesWindowsAndRefusesASlideThatDoesNotDivide() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-cli-uv-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try EddyExecutable.run([
            "gen", "clicks", "--events", "3000", "--users", "50", "--items", "5", "--events-per-second", "100", "--seed", "2",
            "--output", directory + "/clicks.csv",
        ]).status == 0)
        for method in ["exact", "hll", "bloom"] {
            let run = try EddyExecutable.run([
                "run", "uv", "--input", directory + "/clicks.csv", "--window", "10s", "--slide", "2s", "--distinct", method,
                "--expected-users", "100", "--backend", "heap", "--output", directory + "/" + method,
            ])
            #expect(run.status == 0, "\(run.stderr)")
            let rows = try String(contentsOfFile: directory + "/\(method)/uv.csv", encoding: .utf8).split(separator: "\n")
            // 30 s of event time, 2 s slides: windows ending at 2 s ... 40 s.
            #expect(rows.count >= 19 && rows.count <= 21)
            #expect(rows.allSatisfy { $0.split(separator: ",").count == 3 })
        }
        let bad = try EddyExecutable.run(["run", "uv", "--input", "x", "--output", "y", "--window", "10s", "--slide", "3s"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("must divide"))
    }
}
