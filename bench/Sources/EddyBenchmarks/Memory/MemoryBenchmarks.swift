import EddyCore
import EddyMemory

/// `eddy bench memory`: the memory layer's hot paths, each with a baseline measured in the same run.
public struct MemoryBenchmarks {
    public var records: Int
    public var repetitions: Int
    public var segmentSize: Int

    public init(records: Int = 1_000_000, repetitions: Int = 5, segmentSize: Int = MemorySegment.defaultSize) {
        self.records = records
        self.repetitions = repetitions
        self.segmentSize = segmentSize
    }

    public func run(_ emit: (BenchmarkResult) -> Void) throws {
        emit(segmentCycle())
        emit(triples())
        emit(strings(decode: true))
        emit(strings(decode: false))
        try SpillBenchmarks(megabytes: 256, repetitions: repetitions, segmentSize: segmentSize).run(emit)
        SerializerBenchmarks(records: records, repetitions: repetitions).run(emit)
        ProbingTableBenchmarks(keys: records, repetitions: repetitions).run(emit)
    }

    private var budget: Int { max(records * 64 * 2, 64 << 20) }

    /// Segment acquire + release from an owner, against malloc + free of the same size.
    func segmentCycle() -> BenchmarkResult {
        let manager = MemoryManager(budgetBytes: 16 * segmentSize, segmentSize: segmentSize)
        let owner = manager.register(owner: "bench/segment-cycle")
        let cycles = records
        let pooled = Measurement.best(repetitions: repetitions) {
            for _ in 0..<cycles { owner.release(try! owner.allocate()) }
        }
        var mix = 0
        let malloc = Measurement.best(repetitions: repetitions) {
            mix &+= MallocBaseline.allocateAndFree(byteCount: segmentSize, times: cycles)
        }
        Measurement.consume(mix)
        owner.close()
        return BenchmarkResult(
            suite: "memory", name: "segment.acquire+release", perSecond: Double(cycles) / pooled.seconds,
            unit: "cycles/s", operations: cycles,
            allocationsPerOperation: Double(pooled.allocations) / Double(cycles),
            baselineName: "malloc+free", baselinePerSecond: Double(cycles) / malloc.seconds,
            notes: "\(segmentSize / 1024) KiB segments")
    }

    /// (Int64, Int64, Int64) records written then read back through the paged views.
    func triples() -> BenchmarkResult {
        let manager = MemoryManager(budgetBytes: budget, segmentSize: segmentSize)
        let owner = manager.register(owner: "bench/paged-triples")
        var output = PagedOutputView(owner: owner)
        let n = records
        var sum: Int64 = 0
        let paged = Measurement.best(repetitions: repetitions) {
            output.reset()
            RecordWorkloads.writeTriples(&output, count: n)
            var input = output.makeInputView()
            sum &+= RecordWorkloads.readTriples(&input, count: n)
        }
        precondition(!output.overflowed, "benchmark budget too small")
        let flat = FlatBuffer(capacity: n * 24)
        let baseline = Measurement.best(repetitions: repetitions) {
            var writer = flat.makeWriter()
            RecordWorkloads.writeTriples(&writer, count: n)
            var reader = flat.makeReader(byteCount: writer.position)
            sum &+= RecordWorkloads.readTriples(&reader, count: n)
        }
        Measurement.consume(sum)
        output.reset()
        owner.close()
        return BenchmarkResult(
            suite: "memory", name: "paged-view.int64x3.write+read", perSecond: Double(n) / paged.seconds,
            unit: "records/s", operations: n, allocationsPerOperation: Double(paged.allocations) / Double(n),
            baselineName: "flat buffer", baselinePerSecond: Double(n) / baseline.seconds,
            notes: "\(n) records, \(n * 24 / 1_000_000) MB per pass")
    }

    /// 40-byte strings (varint length + UTF-8) written then read back, decoded into `String`s or
    /// copied as bytes into a reused buffer.
    func strings(decode: Bool) -> BenchmarkResult {
        let manager = MemoryManager(budgetBytes: budget, segmentSize: segmentSize)
        let owner = manager.register(owner: "bench/paged-strings")
        let strings = RecordWorkloads.fortyByteStrings()
        var output = PagedOutputView(owner: owner)
        let n = records
        var total = 0
        var scratch = [UInt8](repeating: 0, count: 64)
        let paged = Measurement.best(repetitions: repetitions) {
            output.reset()
            RecordWorkloads.writeStrings(&output, strings, count: n)
            var input = output.makeInputView()
            total &+= decode
                ? RecordWorkloads.readStrings(&input, count: n)
                : RecordWorkloads.readStringBytes(&input, count: n, scratch: &scratch)
        }
        precondition(!output.overflowed, "benchmark budget too small")
        let flat = FlatBuffer(capacity: n * 41)
        let baseline = Measurement.best(repetitions: repetitions) {
            var writer = flat.makeWriter()
            RecordWorkloads.writeStrings(&writer, strings, count: n)
            var reader = flat.makeReader(byteCount: writer.position)
            total &+= decode
                ? RecordWorkloads.readStrings(&reader, count: n)
                : RecordWorkloads.readStringBytes(&reader, count: n, scratch: &scratch)
        }
        Measurement.consume(total)
        output.reset()
        owner.close()
        return BenchmarkResult(
            suite: "memory", name: decode ? "paged-view.string40.write+read" : "paged-view.string40-bytes.write+read",
            perSecond: Double(n) / paged.seconds,
            unit: "records/s", operations: n, allocationsPerOperation: Double(paged.allocations) / Double(n),
            baselineName: "flat buffer", baselinePerSecond: Double(n) / baseline.seconds,
            notes: decode ? "read decodes a String per record" : "read copies bytes into a reused buffer")
    }
}
