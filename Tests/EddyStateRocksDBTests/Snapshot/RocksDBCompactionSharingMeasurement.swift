import EddyCore
import EddyState
import Foundation
import Testing

@testable import EddyStateRocksDB

/// Measures how many SST files consecutive checkpoints share under each compaction style (run with
/// `EDDY_ROCKSDB_MEASURE=1`; the figures are in the backend's documentation and the report).
@Suite("RocksDB compaction sharing measurement", .enabled(if: ProcessInfo.processInfo.environment["EDDY_ROCKSDB_MEASURE"] != nil))
struct RocksDBCompactionSharingMeasurement {
    @Test(arguments: ["leveled/4", "leveled/8", "universal/4", "universal/8", "universal/12"])
    func sharing(style: String) throws {
        let fixture = try BackendFixture()
        defer { fixture.remove() }
        var options = BackendFixture.smallOptions
        options.compactionStyle = style.hasPrefix("leveled") ? .leveled : .universal()
        options.level0FileNumCompactionTrigger = Int(style.split(separator: "/")[1])!
        options.targetFileSizeBase = 1 << 20
        let keyCount: Int64 = 500_000
        let backend = try fixture.backend(options: options)
        defer { backend.dispose() }
        let value = try backend.valueState(valueDescriptor, namespaceSerializer: void)
        for key in Int64(0)..<keyCount {
            backend.setCurrentKey(key)
            try value.update(key)
        }
        var previous = try backend.takeSnapshot(1, .checkpoint, fixture.location(1))
        backend.notifyCheckpointComplete(1)
        var generator = SystemRandomNumberGenerator()
        var uploaded: Int64 = 0
        var total: Int64 = 0
        let rounds = Int64(ProcessInfo.processInfo.environment["EDDY_ROCKSDB_MEASURE"].flatMap { Int64($0) } ?? 12)
        for round in Int64(2)...(rounds + 1) {
            for _ in 0..<(keyCount / 100) {
                backend.setCurrentKey(Int64.random(in: 0..<keyCount, using: &generator))
                try value.update(round)
            }
            // Let background compactions triggered by the flush run before the next checkpoint.
            let handle = try backend.takeSnapshot(round, .checkpoint, fixture.location(round))
            backend.notifyCheckpointComplete(round)
            let before = Set(previous.files.filter(\.shared).map(\.path))
            let now = handle.files.filter(\.shared)
            let shared = now.filter { before.contains($0.path) }
            print(
                "\(style) round \(round): \(now.count) SSTs, \(shared.count) shared, new \(handle.newBytes) B of "
                    + "\(handle.totalBytes) B (\(String(format: "%.1f", 100 * Double(handle.newBytes) / Double(handle.totalBytes))) %)")
            previous = handle
            uploaded += handle.newBytes
            total += handle.totalBytes
        }
        print("\(style): \(rounds) rounds uploaded \(String(format: "%.1f", 100 * Double(uploaded) / Double(total))) % of checkpoint bytes")
    }
}
