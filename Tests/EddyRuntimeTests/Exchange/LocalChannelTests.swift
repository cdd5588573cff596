import EddyCore
import EddyMemory
import Foundation
import Testing
@testable import EddyRuntime

@Suite struct LocalChannelTests {
    /// Runs `producer` on its own thread and `consumer` on this one.
    func exchange(
        segmentSize: Int = 4096, capacity: Int = 4, budget: Int = 64,
        producer: @escaping @Sendable (inout ChannelOutputView) -> Void,
        consumer: (inout ChannelInputView) throws -> Void
    ) throws -> (channel: LocalChannel, manager: MemoryManager) {
        let manager = MemoryManager(budgetBytes: budget * segmentSize, segmentSize: segmentSize)
        let owner = manager.register(owner: "channel")
        let channel = try LocalChannel(owner: owner, capacity: capacity, consumer: TaskNotifier())
        let done = DispatchSemaphore(value: 0)
        Thread {
            var output = ChannelOutputView(channel: channel)
            producer(&output)
            output.finish()
            done.signal()
        }.start()
        var input = ChannelInputView(channel: channel)
        try consumer(&input)
        done.wait()
        input.release()
        channel.close()
        #expect(owner.heldSegments == 0)
        return (channel, manager)
    }

    @Test func recordsArriveInOrderAcrossManyBuffers() throws {
        let count = 200_000
        _ = try exchange(producer: { output in
            for i in 0..<count {
                let token = output.beginElement()
                output.writeByte(ElementTag.record.rawValue)
                output.writeInteger(Int64(i))
                output.writeInteger(Int64(-i))
                output.writeInteger(Int64(i) &* 31)
                output.endElement(startedAt: token)
            }
        }, consumer: { input in
            var next = 0
            while !input.isExhausted {
                guard input.hasElementAvailable() else { Thread.sleep(forTimeInterval: 0.0001); continue }
                #expect(try input.readByte() == ElementTag.record.rawValue)
                let a = try input.readInteger(Int64.self)
                let b = try input.readInteger(Int64.self)
                let c = try input.readInteger(Int64.self)
                if a != Int64(next) || b != -a || c != a &* 31 { Issue.record("record \(next) garbled: \(a) \(b) \(c)"); return }
                next += 1
            }
            #expect(next == count)
        })
    }

    @Test func elementsLargerThanABufferStraddleAndArriveWhole() throws {
        let strings = (0..<50).map { i in String(repeating: Character(UnicodeScalar(UInt8(65 + i % 26))), count: 100 + i * 997) }
        _ = try exchange(segmentSize: 4096, producer: { output in
            for s in strings {
                let token = output.beginElement()
                StringSerializer().serialize(s, to: &output)
                output.endElement(startedAt: token)
            }
        }, consumer: { input in
            var received: [String] = []
            while !input.isExhausted {
                guard input.hasElementAvailable() else { Thread.sleep(forTimeInterval: 0.0001); continue }
                received.append(try StringSerializer().deserialize(from: &input))
            }
            #expect(received == strings)
        })
    }

    @Test func aSlowConsumerBackpressuresTheProducerWithinTheChannelsMemory() throws {
        let result = try exchange(segmentSize: 4096, capacity: 3, producer: { output in
            for i in 0..<20_000 { output.writeInteger(Int64(i)) }  // 160 KB: 40 buffers through 3
        }, consumer: { input in
            var sum: Int64 = 0
            var read = 0
            while !input.isExhausted {
                guard input.hasElementAvailable() else { Thread.sleep(forTimeInterval: 0.0005); continue }
                sum &+= try input.readInteger(Int64.self)
                read += 1
                if read % 2000 == 0 { Thread.sleep(forTimeInterval: 0.005) }  // slow
            }
            #expect(read == 20_000)
            #expect(sum == (0..<20_000).reduce(0, +))
        })
        #expect(result.channel.backpressuredNanoseconds > 10_000_000)
        #expect(result.manager.statistics.peakUsedSegments <= 3)
    }

    @Test func aChannelEndingInsideAnElementIsAnErrorNotACrash() throws {
        _ = try exchange(producer: { output in
            output.writeInteger(UInt16(7))  // half of an Int32
        }, consumer: { input in
            while !input.hasElementAvailable() && !input.isExhausted { Thread.sleep(forTimeInterval: 0.0001) }
            let error = #expect(throws: SerializationError.self) { try input.readInteger(Int32.self) }
            #expect(error?.code == .truncated)
        })
    }

    @Test func cancelWakesABlockedProducer() throws {
        let manager = MemoryManager(budgetBytes: 8 * 4096, segmentSize: 4096)
        let channel = try LocalChannel(owner: manager.register(owner: "c"), capacity: 2, consumer: TaskNotifier())
        let finished = DispatchSemaphore(value: 0)
        Thread {
            var output = ChannelOutputView(channel: channel)
            for i in 0..<100_000 { output.writeInteger(Int64(i)) }  // blocks: nobody consumes
            #expect(output.cancelled)
            finished.signal()
        }.start()
        Thread.sleep(forTimeInterval: 0.05)
        channel.cancel()
        #expect(finished.wait(timeout: .now() + 5) == .success)
    }
}
