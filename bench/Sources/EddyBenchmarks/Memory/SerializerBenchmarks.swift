import EddyCore

/// Serializer round trips (serialize into a reused byte array, deserialize back) per second. Each is
/// measured against the same bytes written and read by hand-written code in the same run, so the
/// ratio is the cost of the abstraction: the `Serializer` protocol, or the Codable bridge.
struct SerializerBenchmarks {
    var records: Int
    var repetitions: Int

    /// A user struct, through the binary Codable bridge and through a hand-written serializer.
    struct ClickEvent: Codable, Equatable {
        var userID: Int64
        var itemID: Int64
        var timestampMillis: Int64
        var page: String
    }

    /// What a user would write by hand instead of relying on Codable: the same byte layout.
    struct HandWrittenClickEventSerializer: Serializer {
        var fixedSize: Int? { nil }
        func serialize<W: BinaryWriter>(_ value: ClickEvent, to writer: inout W) {
            writer.writeInteger(value.userID)
            writer.writeInteger(value.itemID)
            writer.writeInteger(value.timestampMillis)
            StringSerializer().serialize(value.page, to: &writer)
        }
        func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> ClickEvent {
            ClickEvent(
                userID: try reader.readInteger(Int64.self), itemID: try reader.readInteger(Int64.self),
                timestampMillis: try reader.readInteger(Int64.self),
                page: try StringSerializer().deserialize(from: &reader))
        }
    }

    /// Int64 written and read with the writer's own calls, no serializer in between.
    struct DirectInt64: Serializer {
        var fixedSize: Int? { 8 }
        @inline(__always) func serialize<W: BinaryWriter>(_ value: Int64, to writer: inout W) { writer.writeInteger(value) }
        @inline(__always) func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> Int64 {
            try reader.readInteger(Int64.self)
        }
    }

    /// A string written as varint length + UTF-8 by hand.
    struct DirectString: Serializer {
        var fixedSize: Int? { nil }
        @inline(__always) func serialize<W: BinaryWriter>(_ value: String, to writer: inout W) {
            writer.writeVarInt(UInt64(value.utf8.count))
            writer.writeBytes(value.utf8)
        }
        @inline(__always) func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> String {
            try reader.readUTF8String(byteCount: Int(try reader.readVarInt()))
        }
    }

    func run(_ emit: (BenchmarkResult) -> Void) {
        let integers = (0..<1024).map { Int64($0) &* 0x1E37_79B9_7F4A_7C15 }
        emit(compare("serializer.int64.round-trip", IntegerSerializer<Int64>(), DirectInt64(), "direct writer calls", integers))
        let strings = RecordWorkloads.fortyByteStrings()
        emit(compare("serializer.string40.round-trip", StringSerializer(), DirectString(), "direct writer calls", strings))
        let events = (0..<1024).map {
            ClickEvent(userID: Int64($0), itemID: Int64($0 * 7), timestampMillis: 1_700_000_000_000 + Int64($0), page: "/item/\($0)")
        }
        emit(compare("serializer.codable-struct.round-trip", CodableSerializer<ClickEvent>(),
                     HandWrittenClickEventSerializer(), "hand-written serializer", events, count: records / 10))
    }

    func compare<S: Serializer, B: Serializer>(
        _ name: String, _ serializer: S, _ baseline: B, _ baselineName: String, _ values: [S.Value], count: Int? = nil
    ) -> BenchmarkResult where B.Value == S.Value {
        let n = count ?? records
        let measured = roundTrips(serializer, values, n)
        let base = roundTrips(baseline, values, n)
        return BenchmarkResult(
            suite: "memory", name: name, perSecond: Double(n) / measured.seconds, unit: "round-trips/s",
            operations: n, allocationsPerOperation: Double(measured.allocations) / Double(n),
            baselineName: baselineName, baselinePerSecond: Double(n) / base.seconds,
            notes: String(format: "baseline allocs/op %.2f", Double(base.allocations) / Double(n)))
    }

    /// Round trips of `values` (cycled) through `serializer`, into one reused writer.
    func roundTrips<S: Serializer>(_ serializer: S, _ values: [S.Value], _ n: Int) -> (seconds: Double, allocations: UInt64) {
        var writer = ByteArrayWriter(reservingCapacity: 256)
        var sink = 0
        let measured = Measurement.best(repetitions: repetitions) {
            for i in 0..<n {
                writer.reset()
                serializer.serialize(values[i & 1023], to: &writer)
                var reader = ByteArrayReader(writer.bytes)
                let value = try! serializer.deserialize(from: &reader)
                sink &+= reader.remainingBytes
                Measurement.consume(value)
            }
        }
        Measurement.consume(sink)
        return measured
    }
}
