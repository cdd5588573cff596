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
            "gen", "clicks", "--events", "\(1_200_000 * max(1, Self.kills / 3))", "--users", "5000", "--items", "50", "--events-per-second", "2000",
            "--seed", "5", "--output", input,
        ])
        #expect(generated.status == 0, "\(generated.stderr)")
    }

    /// The jobs killed: the tumbling count, and the main job (unique visitors, at parallelism 2).
    enum Job: String, CaseIterable, Sendable { case tumbleCount = "tumble-count", uniqueVisitors = "uv" }

    func jobArguments(_ job: Job, backend: StateBackendKind, output: String) -> [String] {
        switch job {
        case .tumbleCount:
            ["run", "tumble-count", "--input", input, "--window", "10s", "--backend", backend.rawValue, "--output", output]
        case .uniqueVisitors:
            ["run", "uv", "--input", input, "--window", "1m", "--slide", "10s", "--parallelism", "2", "--backend",
             backend.rawValue, "--output", output]
        }
    }

    /// How many runs restored a checkpoint, from the job log.
    func restoresNote(_ log: String) -> Int {
        ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").components(separatedBy: "restores checkpoint").count - 1
    }

    /// The rows a run without checkpoints wrote (`uv` writes `uv.csv` into its output directory).
    func referenceRows(_ job: Job, _ output: String) throws -> [String] {
        let path = job == .uniqueVisitors ? output + "/uv.csv" : output
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init).sorted()
    }

    /// Committed rows of a part-file directory, sorted (parts split rows differently per run).
    func committedRows(_ directory: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("part-") }
        return try names.flatMap { name in
            try String(contentsOfFile: directory + "/" + name, encoding: .utf8).split(separator: "\n").map(String.init)
        }.sorted()
    }

    @Test(arguments: StateBackendKind.allCases.map { (Job.tumbleCount, $0) } + [(Job.uniqueVisitors, StateBackendKind.rocksdb)])
    func killedAndRestartedTheOutputIsExactlyOnce(job: Job, backend: StateBackendKind) throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let reference = directory + "/reference"
        let clean = try EddyExecutable.run(jobArguments(job, backend: .heap, output: reference))
        #expect(clean.status == 0, "\(clean.stderr)")
        let expected = try referenceRows(job, reference)
        #expect(expected.count > 50)

        let output = directory + "/out-\(backend.rawValue)"
        let arguments = jobArguments(job, backend: backend, output: output) + [
            "--checkpoint-dir", directory + "/checkpoints-\(backend.rawValue)", "--checkpoint-interval", "150ms",
            "--state-dir", directory + "/state-\(backend.rawValue)",
        ]
        let log = directory + "/log-\(backend.rawValue).txt"
        // How long an undisturbed run takes with checkpoints: kills land within its first half.
        let timed = Date()
        let probe = try EddyExecutable.run(
            jobArguments(job, backend: backend, output: directory + "/probe-\(backend.rawValue)") + [
                "--checkpoint-dir", directory + "/probe-checkpoints", "--checkpoint-interval", "150ms",
                "--state-dir", directory + "/probe-state",
            ])
        #expect(probe.status == 0, "\(probe.stderr)")
        let runMicros = UInt32(min(Date().timeIntervalSince(timed), 30) * 1_000_000)
        var random = SystemRandomNumberGenerator()
        var killed = 0
        var longestRunBeforeKill: UInt32 = 0
        var finished = false
        while !finished {
            let process = try EddyExecutable.start(arguments, log: log)
            if killed < Self.kills {
                // Early enough that most kills land before the end, even after restarts resumed.
                let latest = max(runMicros / 3 / UInt32(max(1, Self.kills / 3)), 200_000)
                let delay = UInt32.random(in: 100_000...latest, using: &random)
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
        print("crash recovery \(job.rawValue)/\(backend.rawValue): killed \(killed) times (of \(Self.kills) wanted), \(restoresNote(log)) restores")
        // A run killed after 0.8 s had completed checkpoints (every 150 ms): its successor restored one.
        let restores = try String(contentsOfFile: log, encoding: .utf8).components(separatedBy: "restores checkpoint").count - 1
        if longestRunBeforeKill >= 800_000 { #expect(restores > 0, "no run restored a checkpoint") }
        let got = try committedRows(output)
        #expect(got.count == expected.count, "rows: \(got.count) committed, \(expected.count) expected")
        let missing = Set(expected).subtracting(got), extra = Set(got).subtracting(expected)
        #expect(got == expected, "\(missing.count) rows missing (e.g. \(missing.sorted().prefix(3))), \(extra.count) unexpected (e.g. \(extra.sorted().prefix(3)))")
    }
}
