import EddyCore

/// Serializer round trips (serialize into a reused byte array, deserialize back) per second, for a
/// fixed-width Int64, a 40-byte String and a Codable struct; the baseline is the hand-written
/// big-endian store and load of the same Int64 into the same array.
struct SerializerBenchmarks {
    var records: Int
    var repetitions: Int

    /// A user struct through the binary Codable bridge.
    struct ClickEvent: Codable, Equatable {
        var userID: Int64
        var itemID: Int64
        var timestampMillis: Int64
        var page: String
    }

    func run(_ emit: (BenchmarkResult) -> Void) {
        let baseline = handWrittenInt64()
        emit(roundTrips("serializer.int64.round-trip", IntegerSerializer<Int64>(), values: (0..<1024).map { Int64($0) &* 0x9E37_79B9_7F4A_7C15 }, baseline: baseline))
        emit(roundTrips("serializer.string40.round-trip", StringSerializer(), values: RecordWorkloads.fortyByteStrings(), baseline: baseline))
        let events = (0..<1024).map { ClickEvent(userID: Int64($0), itemID: Int64($0 * 7), timestampMillis: 1_700_000_000_000 + Int64($0), page: "/item/\($0)") }
        emit(roundTrips("serializer.codable-struct.round-trip", CodableSerializer<ClickEvent>(), values: events, baseline: baseline, count: records / 10))
    }

    /// Round trips of `values` (cycled) through `serializer`, into one reused writer and reader.
    func roundTrips<S: Serializer>(
        _ name: String, _ serializer: S, values: [S.Value], baseline: Double, count: Int? = nil
    ) -> BenchmarkResult {
        let n = count ?? records
        var writer = ByteArrayWriter()
        var sink = 0
        let measured = Measurement.best(repetitions: repetitions) {
            for i in 0..<n {
                writer.reset()
                serializer.serialize(values[i & 1023], to: &writer)
                var reader = ByteArrayReader(writer.bytes)
                let value = try! serializer.deserialize(from: &reader)
                sink &+= reader.remainingBytes &+ (i & 1 == 0 ? 1 : 0)
                Measurement.consume(value)
            }
        }
        Measurement.consume(sink)
        return BenchmarkResult(
            suite: "memory", name: name, perSecond: Double(n) / measured.seconds, unit: "round-trips/s",
            operations: n, allocationsPerOperation: Double(measured.allocations) / Double(n),
            baselineName: "hand-written Int64", baselinePerSecond: baseline)
    }

    /// The same Int64 stored and loaded big-endian in a reused array, with no serializer.
    func handWrittenInt64() -> Double {
        var bytes = [UInt8](repeating: 0, count: 8)
        var sum: Int64 = 0
        let measured = Measurement.best(repetitions: repetitions) {
            for i in 0..<records {
                let v = Int64(i) &* 0x9E37_79B9_7F4A_7C15
                bytes.withUnsafeMutableBytes { $0.storeBytes(of: v.bigEndian, as: Int64.self) }
                sum &+= bytes.withUnsafeBytes { Int64(bigEndian: $0.loadUnaligned(as: Int64.self)) }
            }
        }
        Measurement.consume(sum)
        return Double(records) / measured.seconds
    }
}
