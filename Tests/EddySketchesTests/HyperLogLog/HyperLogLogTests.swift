import EddyCore
import EddyMemory
import Testing
@testable import EddySketches

@Suite struct HyperLogLogTests {
    let memory = MemoryManager(budgetBytes: 256 << 20).register(owner: "hll")

    @Test func anEmptySketchEstimatesZero() throws {
        #expect(try HyperLogLog(precision: 14, memory: memory).estimate() == 0)
    }

    @Test(arguments: [8, 6])
    func precision14StaysWithin2PercentAcrossTheRange(_ bits: Int) throws {
        var errors: [Double] = []
        for (trial, n) in [10, 100, 1_000, 5_000, 20_000, 50_000, 200_000].enumerated() {
            let sketch = try HyperLogLog(precision: 14, registerBits: bits, memory: memory)
            let offset = UInt64(trial) << 40
            for key in 0..<UInt64(n) { sketch.insert(key + offset) }
            let error = abs(sketch.estimate() - Double(n)) / Double(n)
            #expect(error < 0.03, "n = \(n): estimate \(sketch.estimate())")
            errors.append(error)
        }
        #expect(errors.reduce(0, +) / Double(errors.count) < 0.02)
    }

    @Test func sixAndEightBitRegistersHoldTheSameValues() throws {
        let six = try HyperLogLog(precision: 12, registerBits: 6, memory: memory)
        let eight = try HyperLogLog(precision: 12, registerBits: 8, memory: memory)
        for key in UInt64(0)..<30_000 {
            six.insert(key)
            eight.insert(key)
        }
        #expect((0..<4096).allSatisfy { six.register($0) == eight.register($0) })
        #expect(six.estimate() == eight.estimate())
    }

    @Test(arguments: [8, 6])
    func unionIsTheSketchOfTheUnion(_ bits: Int) throws {
        let a = try HyperLogLog(precision: 11, registerBits: bits, memory: memory)
        let b = try HyperLogLog(precision: 11, registerBits: bits, memory: memory)
        let both = try HyperLogLog(precision: 11, registerBits: bits, memory: memory)
        for key in UInt64(0)..<6_000 {
            (key % 3 == 0 ? a : b).insert(key)
            both.insert(key)
        }
        #expect(HyperLogLog.estimateUnion([a, b]) == both.estimate())
        _ = a.takeDirtyPages()
        a.formUnion(b)
        #expect(a.estimate() == both.estimate())
        #expect((0..<2048).allSatisfy { a.register($0) == both.register($0) })
        #expect(!a.takeDirtyPages().isEmpty)
    }

    @Test func serializedSketchesRoundTripAndDamageIsRefused() throws {
        let sketch = try HyperLogLog(precision: 16, registerBits: 6, memory: MemoryManager(budgetBytes: 1 << 20, segmentSize: 4096).register(owner: "small"))
        for key in UInt64(0)..<50_000 { sketch.insert(key) }
        #expect(sketch.pageCount == 16)
        let bytes = sketch.serialized()
        let copy = try HyperLogLog(serialized: bytes, memory: memory)
        #expect(copy.estimate() == sketch.estimate())
        var damaged = bytes
        damaged[100] ^= 1
        let error = #expect(throws: SerializationError.self) { _ = try HyperLogLog(serialized: damaged, memory: memory) }
        #expect(error?.message.contains("checksum") == true)
        #expect(throws: SerializationError.self) { _ = try HyperLogLog(serialized: Array(bytes.dropLast(5)), memory: memory) }
    }
}
