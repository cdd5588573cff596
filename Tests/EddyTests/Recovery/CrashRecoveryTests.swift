#if canImport(Glibc)
    import Glibc
#endif
import Eddy
import Foundation
import Testing

/// A job writing to an exactly-once file sink is killed with SIGKILL at random moments and started
/// again on the same checkpoint directory until it finishes; its committed output must equal that
/// of a run without failures: nothing lost, nothing twice. `EDDY_CRASH_KILLS` kills per backend
/// (default 3; the full run uses 20).
@Suite(.serialized) struct CrashRecoveryTests {
    static var kills: Int { ProcessInfo.processInfo.environment["EDDY_CRASH_KILLS"].flatMap(Int.init) ?? 3 }

    let directory: String
    let input: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-crash-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        input = directory + "/clicks.csv"
        let generated = try EddyExecutable.run([
            "gen", "clicks", "--events", "400000", "--users", "5000", "--items", "50", "--events-per-second", "2000",
            "--seed", "5", "--output", input,
        ])
        #expect(generated.status == 0, "\(generated.stderr)")
    }

    func jobArguments(backend: StateBackendKind, output: String) -> [String] {
        ["run", "tumble-count", "--input", input, "--window", "10s", "--backend", backend.rawValue, "--output", output]
    }

    /// Committed rows of a part-file directory, sorted (parts split rows differently per run).
    func committedRows(_ directory: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }
        return try names.flatMap { name in
            try String(contentsOfFile: directory + "/" + name, encoding: .utf8).split(separator: "\n").map(String.init)
        }.sorted()
    }

    @Test(arguments: StateBackendKind.allCases)
    func killedAndRestartedTheOutputIsExactlyOnce(backend: StateBackendKind) throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let reference = directory + "/reference.csv"
        let clean = try EddyExecutable.run(jobArguments(backend: .heap, output: reference))
        #expect(clean.status == 0, "\(clean.stderr)")
        let expected = try String(contentsOfFile: reference, encoding: .utf8).split(separator: "\n").map(String.init).sorted()
        #expect(expected.count > 100)

        let output = directory + "/out-\(backend.rawValue)"
        let arguments = jobArguments(backend: backend, output: output) + [
            "--checkpoint-dir", directory + "/checkpoints-\(backend.rawValue)", "--checkpoint-interval", "150ms",
            "--state-dir", directory + "/state-\(backend.rawValue)",
        ]
        let log = directory + "/log-\(backend.rawValue).txt"
        var random = SystemRandomNumberGenerator()
        var killed = 0
        var longestRunBeforeKill: UInt32 = 0
        var finished = false
        while !finished {
            let process = try EddyExecutable.start(arguments, log: log)
            if killed < Self.kills {
                let delay = UInt32.random(in: 100_000...1_500_000, using: &random)
                usleep(delay)
                if process.isRunning {
                    kill(process.processIdentifier, SIGKILL)
                    killed += 1
                    longestRunBeforeKill = max(longestRunBeforeKill, delay)
                }
                process.waitUntilExit()
                finished = process.terminationReason == .exit && process.terminationStatus == 0
            } else {
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "the last run failed: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
                finished = true
            }
        }
        #expect(killed > 0, "the job ended before any kill: make the input bigger")
        // A run killed after 0.8 s had completed checkpoints (every 150 ms): its successor restored one.
        let restores = try String(contentsOfFile: log, encoding: .utf8).components(separatedBy: "restores checkpoint").count - 1
        if longestRunBeforeKill >= 800_000 { #expect(restores > 0, "no run restored a checkpoint") }
        let got = try committedRows(output)
        #expect(got.count == expected.count, "rows: \(got.count) committed, \(expected.count) expected")
        let missing = Set(expected).subtracting(got), extra = Set(got).subtracting(expected)
        #expect(got == expected, "\(missing.count) rows missing (e.g. \(missing.sorted().prefix(3))), \(extra.count) unexpected (e.g. \(extra.sorted().prefix(3)))")
    }
}
