import Dispatch
import EddyCore
import EddyMemory
import EddyState
import Testing
@testable import EddyRuntime

@Suite struct InternalTimerServiceSnapshotTests {
    /// A service over all 128 key groups with event and processing timers for 300 keys.
    func populated() -> (TestTimerService, Set<FiredTimer>, Set<FiredTimer>) {
        let timers = makeTimerService()
        var event = Set<FiredTimer>()
        var processing = Set<FiredTimer>()
        for i in 0..<300 {
            let key = "user-\(i)"
            for namespace: Int64 in [0, Int64(i % 7)] {
                let timer = FiredTimer(key: key, namespace: namespace, time: Int64((i * 37) % 1_000))
                timers.registerEventTimeTimer(key: timer.key, namespace: timer.namespace, time: timer.time)
                event.insert(timer)
            }
            if i % 3 == 0 {
                let timer = FiredTimer(key: key, namespace: 9, time: 5_000 + Int64(i))
                timers.registerProcessingTimeTimer(key: timer.key, namespace: timer.namespace, time: timer.time)
                processing.insert(timer)
            }
        }
        return (timers, event, processing)
    }

    @Test func snapshotRestoresTheSameTimersInTheSameOrder() throws {
        let (original, _, _) = populated()
        let bytes = original.snapshot()
        let restored = makeTimerService()
        try restored.restore(from: bytes)
        #expect(restored.numberOfEventTimeTimers == original.numberOfEventTimeTimers)
        #expect(restored.numberOfProcessingTimeTimers == original.numberOfProcessingTimeTimers)
        #expect(restored.snapshot() == bytes)
        let (expected, restoredFired) = (original.drain(), restored.drain())
        #expect(restoredFired.event.map(\.time) == expected.event.map(\.time))
        #expect(Set(restoredFired.event) == Set(expected.event))
        #expect(restoredFired.processing == expected.processing)
    }

    @Test func aSnapshotWrittenLaterHoldsTheTimersOfWhenItWasTaken() throws {
        let (original, _, _) = populated()
        let atFreeze = original.snapshot()
        let frozen = original.snapshotLater()
        // The task goes on: timers fire, new ones come, some are deleted.
        _ = original.drain()
        original.registerEventTimeTimer(key: "late", namespace: 1, time: 7)
        original.deleteProcessingTimeTimer(key: "user-0", namespace: 9, time: 5_000)
        let written = try DispatchQueue.global().sync { frozen.write() }
        #expect(written == atFreeze)
        #expect(original.snapshot() != atFreeze)
    }

    @Test func restoreIntoTwoKeyGroupRangesPutsEachTimerInExactlyOne() throws {
        let (original, event, processing) = populated()
        let bytes = original.snapshot()
        var seenEvent: [FiredTimer] = []
        var seenProcessing: [FiredTimer] = []
        for index in 0..<2 {
            let range = KeyGroupRangeAssignment.range(forOperatorIndex: index, parallelism: 2, maxParallelism: 128)
            let half = makeTimerService(range: range)
            try half.restore(from: bytes)
            #expect(half.numberOfEventTimeTimers > 0 && half.numberOfEventTimeTimers < event.count)
            let fired = half.drain()
            for timer in fired.event + fired.processing { #expect(range.contains(keyGroup(of: timer.key))) }
            seenEvent += fired.event
            seenProcessing += fired.processing
        }
        #expect(seenEvent.count == event.count && Set(seenEvent) == event)
        #expect(seenProcessing.count == processing.count && Set(seenProcessing) == processing)
    }

    @Test func scalingInMergesTheSnapshotsOfBothHalves() throws {
        let (original, event, processing) = populated()
        let merged = makeTimerService()
        for index in 0..<2 {
            let range = KeyGroupRangeAssignment.range(forOperatorIndex: index, parallelism: 2, maxParallelism: 128)
            let half = makeTimerService(range: range)
            try half.restore(from: original.snapshot())
            try merged.restore(from: half.snapshot())
        }
        try merged.restore(from: original.snapshot())  // restoring twice adds nothing
        let fired = merged.drain()
        #expect(fired.event.count == event.count && Set(fired.event) == event)
        #expect(fired.processing.count == processing.count && Set(fired.processing) == processing)
    }

    @Test func anEmptyServiceRoundTrips() throws {
        let restored = makeTimerService(range: KeyGroupRange(start: 3, end: 9))
        try restored.restore(from: makeTimerService().snapshot())
        #expect(restored.numberOfEventTimeTimers == 0 && restored.numberOfProcessingTimeTimers == 0)
    }

    @Test func everyTruncationAndEveryByteFlipThrows() throws {
        let timers = makeTimerService()
        for i in 0..<4 {
            timers.registerEventTimeTimer(key: "k\(i)", namespace: Int64(i), time: Int64(i * 10))
            timers.registerProcessingTimeTimer(key: "p\(i)", namespace: 0, time: 100)
        }
        let bytes = timers.snapshot()
        for length in 0..<bytes.count {
            #expect(throws: StateError.self) { try makeTimerService().restore(from: Array(bytes[..<length])) }
        }
        for index in bytes.indices {
            var corrupt = bytes
            corrupt[index] ^= 0x5A
            let target = makeTimerService()
            #expect(throws: StateError.self) { try target.restore(from: corrupt) }
            #expect(target.numberOfEventTimeTimers == 0)  // all or nothing
        }
    }

    @Test func forgedSnapshotsWithAValidChecksumThrow() throws {
        let timers = makeTimerService()
        timers.registerEventTimeTimer(key: "alpha", namespace: 1, time: 10)
        let bytes = Array(timers.snapshot().dropLast(4))
        func sealed(_ body: [UInt8]) -> [UInt8] {
            var writer = ByteArrayWriter()
            writer.writeBytes(body)
            writer.writeInteger(CRC32C.checksum(body))
            return writer.bytes
        }
        // The block's key group, changed: the key no longer belongs to it.
        let header = 4 + 1 + 4 + 1 + "user-timers".utf8.count + 1
        var movedBlock = bytes
        movedBlock[header + 3] = UInt8((keyGroup(of: "alpha") + 1) % 128)
        let moved = try #require(throws: StateError.self) { try makeTimerService().restore(from: sealed(movedBlock)) }
        #expect(moved.code == .corruptSnapshot && moved.message.contains("is stored in key group"))
        // Random garbage after a valid header, and random garbage throughout.
        var random = SeededGenerator(seed: 7)
        for round in 0..<2_000 {
            let length = Int.random(in: 0..<64, using: &random)
            let garbage = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let body = round % 2 == 0 ? Array(bytes[..<header]) + garbage : garbage
            #expect(throws: StateError.self) { try makeTimerService().restore(from: sealed(body)) }
        }
    }

    @Test func anotherMaxParallelismOrServiceNameIsIncompatible() throws {
        let bytes = makeTimerService().snapshot()
        for target in [makeTimerService(range: KeyGroupRange(start: 0, end: 63), maxParallelism: 64),
                       makeTimerService(name: "window-timers")] {
            let error = try #require(throws: StateError.self) { try target.restore(from: bytes) }
            #expect(error.code == .incompatible)
        }
    }
}
