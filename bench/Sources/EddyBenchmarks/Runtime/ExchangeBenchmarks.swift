import EddyCore
import EddyMemory
import EddyRuntime
import Foundation

/// `eddy bench exchange`: (Int64, Int64, Int64) records serialized into a channel by a producer thread
/// and read by a consumer thread, against the same records written and read through paged views on
/// one thread (no exchange) in the same run.
public struct ExchangeBenchmarks {
    public var records: Int
    public var repetitions: Int
    public var buffersPerChannel: Int

    public init(records: Int = 10_000_000, repetitions: Int = 3, buffersPerChannel: Int = 8) {
        self.records = records
        self.repetitions = repetitions
        self.buffersPerChannel = buffersPerChannel
    }

    public func run(_ emit: (BenchmarkResult) -> Void) throws {
        let manager = MemoryManager(budgetBytes: 256 << 20)
        var best = Double.infinity
        var blocked: UInt64 = 0
        for _ in 0..<repetitions {
            let owner = manager.register(owner: "bench/exchange")
            let notifier = TaskNotifier()
            let channel = try LocalChannel(owner: owner, capacity: buffersPerChannel, consumer: notifier)
            let n = records
            let start = DispatchTime.now().uptimeNanoseconds
            let producer = Thread {
                var output = ChannelOutputView(channel: channel)
                for i in 0..<n {
                    let v = Int64(truncatingIfNeeded: i)
                    output.writeByte(ElementTag.record.rawValue)
                    output.writeInteger(v)
                    output.writeInteger(v &* 0x9E37_79B9)
                    output.writeInteger(v ^ 0x5555)
                }
                output.finish()
            }
            producer.start()
            var input = ChannelInputView(channel: channel)
            var sum: Int64 = 0
            var read = 0
            while true {
                if !input.hasElementAvailable() {
                    if input.isExhausted { break }
                    notifier.wait(untilNanoseconds: monotonicNanoseconds() + 1_000_000)
                    continue
                }
                _ = try input.readByte()
                let a = try input.readInteger(Int64.self)
                let b = try input.readInteger(Int64.self)
                let c = try input.readInteger(Int64.self)
                sum &+= a ^ b ^ c
                read += 1
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            precondition(read == n, "exchange lost records: \(read) of \(n)")
            Measurement.consume(sum)
            best = min(best, seconds)
            blocked = channel.backpressuredNanoseconds
            input.release()
            channel.close()
            owner.close()
        }
        // Baseline: the same records through paged views on one thread.
        let owner = manager.register(owner: "bench/exchange-baseline")
        var output = PagedOutputView(owner: owner)
        let chunk = min(records, 1_000_000)
        var sum: Int64 = 0
        let baseline = Measurement.best(repetitions: repetitions) {
            var done = 0
            while done < records {
                output.reset()
                for i in done..<(done + chunk) {
                    let v = Int64(truncatingIfNeeded: i)
                    output.writeByte(ElementTag.record.rawValue)
                    output.writeInteger(v)
                    output.writeInteger(v &* 0x9E37_79B9)
                    output.writeInteger(v ^ 0x5555)
                }
                var input = output.makeInputView()
                for _ in 0..<chunk {
                    _ = try! input.readByte()
                    sum &+= try! input.readInteger(Int64.self) ^ input.readInteger(Int64.self) ^ input.readInteger(Int64.self)
                }
                done += chunk
            }
        }
        Measurement.consume(sum)
        output.reset()
        owner.close()
        emit(BenchmarkResult(
            suite: "runtime", name: "exchange.int64x3", perSecond: Double(records) / best, unit: "records/s",
            operations: records, baselineName: "paged views, one thread", baselinePerSecond: Double(records) / baseline.seconds,
            notes: "\(buffersPerChannel) × \(MemorySegment.defaultSize / 1024) KiB buffers, producer backpressured \(blocked / 1_000_000) ms"))
    }
}
