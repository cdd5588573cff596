#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Testing

/// `eddy run` stopped with SIGTERM takes a savepoint and ends; `--restore` of that savepoint with
/// another parallelism and backend finishes the job, and the two runs' committed output together
/// equals a run without interruption.
@Suite struct StopWithSavepointCommandTests {
    @Test func sigtermStopsWithASavepointAndRestoreFinishesTheJob() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-stop-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let input = directory + "/clicks.csv"
        #expect(try EddyExecutable.run([
            "gen", "clicks", "--events", "1200000", "--users", "5000", "--items", "50", "--events-per-second", "2000",
            "--seed", "8", "--output", input,
        ]).status == 0)
        func job(_ extra: [String]) -> [String] { ["run", "tumble-count", "--input", input, "--window", "10s"] + extra }
        #expect(try EddyExecutable.run(job(["--output", directory + "/reference.csv"])).status == 0)
        let expected = try String(contentsOfFile: directory + "/reference.csv", encoding: .utf8).split(separator: "\n").sorted()

        let output = directory + "/out"
        let common = ["--output", output, "--checkpoint-dir", directory + "/checkpoints", "--checkpoint-interval", "200ms"]
        let log = directory + "/log.txt"
        let process = try EddyExecutable.start(job(common + ["--backend", "rocksdb", "--state-dir", directory + "/state"]), log: log)
        usleep(700_000)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("stopped with a savepoint"), "\(text.suffix(600))")
        let line = try #require(text.split(separator: "\n").first { $0.contains("(job stopped):") })
        let savepoint = String(try #require(line.split(separator: " ").last))
        #expect(savepoint.contains("/savepoints/savepoint-"))

        let resumed = try EddyExecutable.run(job(common + ["--restore", savepoint, "--backend", "heap", "--job-id", "resumed"]))
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let parts = try FileManager.default.contentsOfDirectory(atPath: output).filter { $0.hasPrefix("part-") }
        let got = try parts.flatMap { try String(contentsOfFile: output + "/" + $0, encoding: .utf8).split(separator: "\n") }.sorted()
        #expect(got.count == expected.count)
        #expect(got == expected)
    }
}
