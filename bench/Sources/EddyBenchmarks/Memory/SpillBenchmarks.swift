import EddyCore
import EddyMemory
import Foundation

/// Spill files: segments of serialized records written LZ4-compressed with per-block CRC-32C and read
/// back, against the same segments written and read raw. Page-cache speeds (no fsync): this measures
/// Eddy's CPU cost per spilled byte, not the disk.
struct SpillBenchmarks {
    var megabytes: Int
    var repetitions: Int
    var segmentSize: Int

    func run(_ emit: (BenchmarkResult) -> Void) throws {
        let manager = MemoryManager(budgetBytes: 64 << 20, segmentSize: segmentSize)
        let owner = manager.register(owner: "bench/spill")
        defer { owner.close() }
        // Realistic content: serialized (Int64, Int64, Int64) records, which LZ4 shrinks somewhat.
        var output = PagedOutputView(owner: owner)
        RecordWorkloads.writeTriples(&output, count: (32 << 20) / 24)
        let segments = Array(output.segments.dropLast())
        defer { output.reset() }
        let rounds = max(1, (megabytes << 20) / (segments.count * segmentSize))
        let bytes = Double(segments.count * segmentSize * rounds)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-bench-\(getpid()).spill").path
        defer { try? FileManager.default.removeItem(atPath: path) }

        var bestWrite = Double.infinity, bestRead = Double.infinity, ratio = 0.0
        var rawWrite = Double.infinity, rawRead = Double.infinity
        for _ in 0..<repetitions {
            let spilled = try SpillFileBenchmark.spill(segments, rounds: rounds, path: path)
            bestWrite = min(bestWrite, spilled.write.seconds)
            bestRead = min(bestRead, spilled.read.seconds)
            ratio = Double(spilled.write.bytes) / Double(spilled.write.storedBytes)
            let raw = try RawSegmentFile.writeAndRead(segments, rounds: rounds, path: path)
            rawWrite = min(rawWrite, raw.write)
            rawRead = min(rawRead, raw.read)
        }
        let notes = String(format: "%d MB of serialized records, LZ4 ratio %.2f, no fsync", Int(bytes / 1e6), ratio)
        emit(BenchmarkResult(
            suite: "memory", name: "spill.write", perSecond: bytes / bestWrite / 1e6, unit: "MB/s",
            operations: Int(bytes), baselineName: "raw write", baselinePerSecond: bytes / rawWrite / 1e6, notes: notes))
        emit(BenchmarkResult(
            suite: "memory", name: "spill.read", perSecond: bytes / bestRead / 1e6, unit: "MB/s",
            operations: Int(bytes), baselineName: "raw read", baselinePerSecond: bytes / rawRead / 1e6, notes: notes))
    }
}
