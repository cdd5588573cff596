import EddyCore
import Testing
@testable import EddyRuntime

@Suite struct AlignedBarrierTests {
    @Test func recordsAfterTheBarrierOnABlockedChannelAreNotInTheSnapshot() throws {
        let bench = try BarrierTestBench(channelsPerGate: [2])
        bench.send(0, [1, 2])
        bench.barrier(0, 1)
        bench.send(0, [3, 4])
        bench.send(1, [10, 11])
        try bench.drain()
        #expect(Set(bench.processed) == [1, 2, 10, 11], "channel 0 is blocked after its barrier")
        #expect(bench.snapshots.isEmpty)

        bench.barrier(1, 1)
        bench.send(1, [12])
        try bench.drain()
        #expect(bench.snapshots.count == 1)
        #expect(Set(bench.snapshots[0].state) == [1, 2, 10, 11])
        #expect(bench.snapshots[0].unaligned == false)
        #expect(Set(bench.processed) == [1, 2, 3, 4, 10, 11, 12], "unblocked after the snapshot")
    }

    @Test func twoInputsAlignAcrossBothGates() throws {
        let bench = try BarrierTestBench(channelsPerGate: [1, 2])
        bench.send(0, [1])
        bench.barrier(0, 7)
        bench.send(0, [2])
        bench.send(1, [100])
        bench.barrier(1, 7)
        bench.send(1, [101])
        bench.send(2, [200])
        try bench.drain()
        #expect(bench.snapshots.isEmpty)
        #expect(Set(bench.processed) == [1, 100, 200])

        bench.barrier(2, 7)
        try bench.drain()
        #expect(bench.snapshots.map(\.checkpointID) == [7])
        #expect(Set(bench.snapshots[0].state) == [1, 100, 200])
        #expect(Set(bench.processed) == [1, 2, 100, 101, 200])
    }

    @Test func aUnionOfProducersInOneGateAlignsEveryChannel() throws {
        let bench = try BarrierTestBench(channelsPerGate: [3])
        for channel in 0..<3 {
            bench.send(channel, [Int64(channel * 10)])
            bench.barrier(channel, 1)
            bench.send(channel, [Int64(channel * 10 + 1)])
            try bench.drain()
            #expect(bench.snapshots.count == (channel == 2 ? 1 : 0))
        }
        #expect(Set(bench.snapshots[0].state) == [0, 10, 20])
        #expect(Set(bench.processed) == [0, 1, 10, 11, 20, 21])
    }

    @Test func aNewerBarrierAbortsTheCheckpointBeingAligned() throws {
        let bench = try BarrierTestBench(channelsPerGate: [2])
        bench.barrier(0, 1)
        bench.send(0, [5])
        // Channel 1's producer never took checkpoint 1 (it was declined upstream).
        bench.send(1, [6])
        bench.barrier(1, 2)
        try bench.drain()
        #expect(bench.declined == [1])
        #expect(Set(bench.processed) == [5, 6], "channel 0 unblocked when checkpoint 1 was aborted")
        bench.barrier(0, 2)
        try bench.drain()
        #expect(bench.snapshots.map(\.checkpointID) == [2])
        #expect(Set(bench.snapshots[0].state) == [5, 6])
        // A late barrier of the aborted checkpoint is ignored.
        bench.barrier(1, 1)
        try bench.drain()
        #expect(bench.snapshots.count == 1)
        #expect(bench.declined == [1])
    }

    @Test func finishedChannelsCountAsAligned() throws {
        let bench = try BarrierTestBench(channelsPerGate: [2])
        bench.send(0, [1])
        bench.barrier(0, 3)
        bench.send(1, [2])
        try bench.drain()
        #expect(bench.snapshots.isEmpty)
        bench.finish(1)
        try bench.drain()
        #expect(bench.snapshots.map(\.checkpointID) == [3])
        #expect(Set(bench.snapshots[0].state) == [1, 2])
    }

    @Test func theCoordinatorsAbortUnblocksAndLaterBarriersOfItAreIgnored() throws {
        let bench = try BarrierTestBench(channelsPerGate: [2])
        bench.barrier(0, 4)
        bench.send(0, [1])
        try bench.drain()
        #expect(bench.processed.isEmpty)
        bench.handler.abort(4)
        try bench.drain()
        #expect(bench.processed == [1])
        bench.barrier(1, 4)
        try bench.drain()
        #expect(bench.snapshots.isEmpty)
        #expect(bench.declined.isEmpty, "the coordinator aborted it: nothing to decline")
    }

    /// Stop-with-savepoint: the source stops after savepoint 5's barrier and declines checkpoint 6;
    /// the abort of 6 comes by mail, ahead of barrier 5 still queued behind data.
    @Test func anAbortOfANewerCheckpointDoesNotSwallowAnOlderBarrierOnItsWay() throws {
        let bench = try BarrierTestBench(channelsPerGate: [1])
        bench.send(0, [1, 2])
        bench.barrier(0, 5)
        bench.send(0, [3])
        bench.handler.abort(6)
        try bench.drain()
        #expect(bench.snapshots.map(\.checkpointID) == [5])
        #expect(bench.snapshots.first?.state == [1, 2])
        #expect(bench.processed == [1, 2, 3])
    }

    @Test func barriersOfACheckpointAbortedBeforeTheyArrivedAreIgnoredOnEveryChannel() throws {
        let bench = try BarrierTestBench(channelsPerGate: [2])
        bench.handler.abort(6)
        bench.barrier(0, 6)
        bench.send(0, [1])
        bench.barrier(1, 6)
        bench.send(1, [2])
        try bench.drain()
        #expect(bench.snapshots.isEmpty && bench.declined.isEmpty)
        #expect(Set(bench.processed) == [1, 2], "no channel was blocked for it")
        bench.barrier(0, 7)
        bench.barrier(1, 7)
        try bench.drain()
        #expect(bench.snapshots.map(\.checkpointID) == [7])
    }
}
