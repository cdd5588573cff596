import EddyCore
import EddyMemory
import EddyRuntime
import EddyState
import EddyWindowing
import Testing

/// The slicing operator driven directly: spilling when the budget runs out, checkpoints that
/// write only changed slices, restores (also rescaled), corrupt files.
@Suite struct SlicingWindowOperatorTests {
    /// Keys 0..<keys, a few elements each per 10 ms, over 100 ms; watermarks every 10 ms.
    static func feed(_ fixture: SlicingFixture, keys: Int64, from: Int64 = 0, to: Int64 = 100, only: (Int64) -> Bool = { _ in true }) throws {
        for time in stride(from: from, to: to, by: 5) {
            for key in 0..<keys where only(key) && (key + time / 5) % 3 != 0 { try fixture.element(key, at: time) }
            if time % 10 == 5 { try fixture.watermark(time - 6) }
        }
    }

    @Test func spillsToTheKeyedBackendWhenTheBudgetRunsOutAndGivesTheSameResults() throws {
        let ample = try SlicingFixture(segments: 256)
        let tight = try SlicingFixture(segments: 6)
        for fixture in [ample, tight] {
            try Self.feed(fixture, keys: 3_000)
            try fixture.watermark(.max)
        }
        #expect(tight.emitted.sorted() == ample.emitted.sorted())
        #expect(!ample.emitted.isEmpty)
        // Every slice and block is gone at the end of time, and so is what spilled.
        #expect(tight.memory.statistics.usedSegments == 0)
        #expect(try tight.backend.keys(inKeyGroup: 5).isEmpty)
    }

    @Test func spilledPartialsAreInTheBackendWhileTheirSliceLives() throws {
        let tight = try SlicingFixture(segments: 4)
        for key in Int64(0)..<10_000 { try tight.element(key, at: 3) }
        var spilled = 0
        for group in 0..<128 { spilled += try tight.backend.keys(inKeyGroup: group).count }
        #expect(spilled > 0 && spilled < 10_000)
        try tight.watermark(.max)
        #expect(tight.emitted.count == 40_000, "10 000 keys in 4 windows each")
    }

    @Test func aRestoredOperatorGoesOnAsIfNothingHappened() throws {
        let whole = try SlicingFixture(lateness: 15)
        try Self.feed(whole, keys: 50)
        try whole.watermark(.max)

        let first = try SlicingFixture(lateness: 15)
        try Self.feed(first, keys: 50, to: 50)
        let (raw, keyed) = try first.checkpoint(1)
        try first.windows.notifyCheckpointComplete(1)
        let second = try SlicingFixture(lateness: 15, storage: first.storage, restoring: [keyed], raw: raw)
        try Self.feed(second, keys: 50, from: 50)
        try second.watermark(.max)
        #expect((first.emitted + second.emitted).sorted() == whole.emitted.sorted())
    }

    @Test func checkpointsWriteOnlyTheSlicesThatChanged() throws {
        let fixture = try SlicingFixture(lateness: 1_000)
        try Self.feed(fixture, keys: 20, to: 50)
        let first = try fixture.checkpoint(1).raw[0]
        try fixture.windows.notifyCheckpointComplete(1)
        #expect(first.files.count == 1 + 5, "the progress file and five slices of 10 ms")
        try fixture.element(3, at: 47)  // changes the last slice only
        let second = try fixture.checkpoint(2).raw[0]
        let reused = Set(first.files.dropFirst()).intersection(second.files)
        #expect(reused.count == 4)
        #expect(second.files.filter { $0.path.hasSuffix("chk2") }.count == 1)
        // Not completed yet: the next checkpoint writes that slice again.
        fixture.windows.notifyCheckpointAborted(2)
        let third = try fixture.checkpoint(3).raw[0]
        #expect(third.files.filter { $0.path.hasSuffix("chk3") }.count == 1)
    }

    @Test func aRescaledRestoreSplitsTheKeysBetweenSubtasks() throws {
        let whole = try SlicingFixture()
        try Self.feed(whole, keys: 200)
        try whole.watermark(.max)

        let before = try SlicingFixture()
        try Self.feed(before, keys: 200, to: 50)
        let (raw, keyed) = try before.checkpoint(1)
        let halves = [KeyGroupRange(start: 0, end: 63), KeyGroupRange(start: 64, end: 127)]
        var after: [String] = []
        for (subtask, range) in halves.enumerated() {
            let part = try SlicingFixture(range: range, subtask: subtask, storage: before.storage, restoring: [keyed], raw: raw)
            try Self.feed(part, keys: 200, from: 50, only: part.owns)
            try part.watermark(.max)
            after += part.emitted
        }
        #expect((before.emitted + after).sorted() == whole.emitted.sorted())
    }

    @Test func corruptSliceFilesAreRefusedWithTheirPath() throws {
        let fixture = try SlicingFixture()
        try Self.feed(fixture, keys: 10, to: 30)
        let (raw, _) = try fixture.checkpoint(1)
        let slice = raw[0].files[1]
        var bytes = try fixture.storage.read(slice)
        bytes[bytes.count / 2] ^= 0xFF
        let storage = InMemoryCheckpointStorage()
        var files = raw[0].files
        for file in files { _ = try storage.write(try fixture.storage.read(file), to: file.path) }
        files[1] = try storage.write(bytes, to: slice.path)
        let handle = RawKeyedStateHandle(name: raw[0].name, keyGroupRange: raw[0].keyGroupRange, files: files)
        #expect {
            _ = try SlicingFixture(storage: storage, raw: [handle])
        } throws: { error in
            (error as? WindowingError)?.code == .corruptSnapshot && (error as? WindowingError)?.path == slice.path
        }
    }
}
