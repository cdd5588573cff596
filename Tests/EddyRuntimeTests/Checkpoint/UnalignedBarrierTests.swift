import EddyCore
import Testing
@testable import EddyRuntime

@Suite struct UnalignedBarrierTests {
    @Test func anUnalignedSnapshotHoldsTheInFlightDataAndNothingAfterTheBarriers() throws {
        let bench = try BarrierTestBench(channelsPerGate: [2])
        bench.send(0, [1, 2, 3])
        bench.barrier(0, 1, unaligned: true)  // overtakes 1, 2, 3
        bench.send(0, [4])
        bench.send(1, [10, 11])
        try bench.drain()
        #expect(bench.snapshots == [.init(checkpointID: 1, unaligned: true, state: [])], "taken at the first barrier")
        #expect(Set(bench.processed) == [1, 2, 3, 4, 10, 11], "nothing blocks")
        #expect(bench.channelState[1] == nil, "channel 1's barrier has not arrived")

        bench.send(1, [12])
        bench.barrier(1, 1, unaligned: true)  // overtakes 12
        bench.send(1, [13])
        try bench.drain()
        let state = try #require(bench.channelState[1])
        #expect(try BarrierTestBench.records(in: try #require(state[0])) == [1, 2, 3])
        #expect(try BarrierTestBench.records(in: try #require(state[1])) == [10, 11, 12])
        #expect(Set(bench.processed) == [1, 2, 3, 4, 10, 11, 12, 13])
    }

    @Test func anAlignmentTimeoutSwitchesToUnalignedAndRecordsUntilTheAlignedBarrier() throws {
        let bench = try BarrierTestBench(channelsPerGate: [2], alignmentTimeoutNanoseconds: 1_000)
        bench.send(0, [1])
        bench.barrier(0, 5)
        bench.send(0, [2])
        bench.send(1, [10])
        try bench.drain()
        #expect(bench.snapshots.isEmpty)
        bench.now = 999
        try bench.handler.checkAlignmentTimeout(now: bench.now)
        #expect(bench.snapshots.isEmpty)
        bench.now = 1_500
        try bench.handler.checkAlignmentTimeout(now: bench.now)
        #expect(bench.snapshots == [.init(checkpointID: 5, unaligned: true, state: [1, 10])])

        bench.send(1, [11, 12])
        bench.barrier(1, 5)
        bench.send(1, [13])
        try bench.drain()
        let state = try #require(bench.channelState[5])
        #expect(state.keys.sorted() == [1], "channel 0's data after its barrier is not in flight")
        #expect(try BarrierTestBench.records(in: state[1]!) == [11, 12])
        #expect(Set(bench.processed) == [1, 2, 10, 11, 12, 13])
    }

    @Test func aChannelThatEndsWhileRecordedCompletesItsRecording() throws {
        let bench = try BarrierTestBench(channelsPerGate: [2])
        bench.barrier(0, 2, unaligned: true)
        bench.send(1, [7, 8])
        bench.finish(1)
        try bench.drain()
        #expect(try BarrierTestBench.records(in: try #require(bench.channelState[2]?[1])) == [7, 8])
    }

    @Test func replayedDataIsProcessedBeforeTheChannelsLiveData() throws {
        let bench = try BarrierTestBench(channelsPerGate: [1])
        bench.send(0, [1, 2])
        bench.barrier(0, 1, unaligned: true)
        try bench.drain()
        let recorded = try #require(bench.channelState[1]?[0])

        let restored = try BarrierTestBench(channelsPerGate: [1])
        restored.gates[0].replay(recorded, channel: 0)
        restored.send(0, [3])
        try restored.drain()
        #expect(restored.processed == [1, 2, 3])
    }

    @Test func channelStateFilesRoundTripAndRefuseCorruption() throws {
        let channels: [Int: [UInt8]] = [0: [1, 2, 3], 5: Array(repeating: 9, count: 300)]
        let file = ChannelStateFile.encode(channels)
        #expect(try ChannelStateFile.decode(file, path: "x") == channels)
        var broken = file
        broken[7] ^= 0xFF
        #expect(throws: (any Error).self) { try ChannelStateFile.decode(broken, path: "x") }
        #expect(throws: (any Error).self) { try ChannelStateFile.decode(Array(file.prefix(6)), path: "x") }
    }
}
