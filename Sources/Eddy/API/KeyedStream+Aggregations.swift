import EddyCore
import EddyRuntime
import EddyState

/// A key with a value: the output of keyed aggregations.
public struct KeyedValue<Key: StreamSerializable & Hashable, Value: StreamSerializable & Equatable>: Equatable, StreamSerializable {
    public var key: Key
    public var value: Value

    public init(key: Key, value: Value) {
        self.key = key
        self.value = value
    }

    public static var streamSerializer: KeyedValueSerializer<Key, Value> { KeyedValueSerializer() }
}

extension KeyedValue: Hashable where Value: Hashable {}
extension KeyedValue: CustomStringConvertible {
    public var description: String { "\(key),\(value)" }
}

public struct KeyedValueSerializer<Key: StreamSerializable & Hashable, Value: StreamSerializable & Equatable>: Serializer {
    public init() {}
    public var fixedSize: Int? {
        guard let k = Key.streamSerializer.fixedSize, let v = Value.streamSerializer.fixedSize else { return nil }
        return k + v
    }
    @inlinable public func serialize<W: BinaryWriter>(_ value: KeyedValue<Key, Value>, to writer: inout W) {
        Key.streamSerializer.serialize(value.key, to: &writer)
        Value.streamSerializer.serialize(value.value, to: &writer)
    }
    @inlinable public func deserialize<R: BinaryReader>(from reader: inout R) throws(SerializationError) -> KeyedValue<Key, Value> {
        KeyedValue(key: try Key.streamSerializer.deserialize(from: &reader), value: try Value.streamSerializer.deserialize(from: &reader))
    }
}

extension KeyedStream {
    /// Rolling reduce: per key, folds each record into the stored value and emits the new value
    /// (Flink's `reduce` on a keyed stream).
    public func reduce(_ name: String = "reduce", _ combine: @escaping (Element, Element) throws -> Element) -> DataStream<Element> {
        let key = self.key
        return addKeyedOperator(name) { context, backend, _, output in
            let state = try backend.valueState(
                ValueStateDescriptor(name: "reduce", serializer: Element.streamSerializer), namespaceSerializer: VoidNamespaceSerializer())
            let metrics = context.metrics
            let operatorName = context.operatorName
            return (Output<Element>(
                record: { value, timestamp in
                    metrics.recordsIn.increment()
                    backend.setCurrentKey(key(value))
                    let reduced: Element
                    do { reduced = try state.value().map { try combine($0, value) } ?? value } catch let error as StateError {
                        throw error
                    } catch {
                        throw UserFunctionError(operatorName: operatorName, record: "\(value)", timestamp: timestamp, underlying: error)
                    }
                    try state.update(reduced)
                    metrics.recordsOut.increment()
                    try output.record(reduced, timestamp)
                },
                watermark: output.watermark, streamStatus: output.streamStatus,
                latencyMarker: output.latencyMarker, sideOutput: output.sideOutput), [])
        }
    }

    /// Rolling aggregate of `value(record)` per key with `combine`, emitting (key, aggregate).
    func rolling<V: StreamSerializable & Equatable>(
        _ name: String, _ value: @escaping (Element) -> V, _ combine: @escaping (V, V) -> V
    ) -> DataStream<KeyedValue<Key, V>> {
        let key = self.key
        return addKeyedOperator(name) { context, backend, _, output in
            let state = try backend.valueState(
                ValueStateDescriptor(name: name, serializer: V.streamSerializer), namespaceSerializer: VoidNamespaceSerializer())
            let metrics = context.metrics
            return (Output<Element>(
                record: { record, timestamp in
                    metrics.recordsIn.increment()
                    let k = key(record)
                    backend.setCurrentKey(k)
                    let v = value(record)
                    let aggregate = try state.value().map { combine($0, v) } ?? v
                    try state.update(aggregate)
                    metrics.recordsOut.increment()
                    try output.record(KeyedValue(key: k, value: aggregate), timestamp)
                },
                watermark: output.watermark, streamStatus: output.streamStatus,
                latencyMarker: output.latencyMarker, sideOutput: output.sideOutput), [])
        }
    }

    /// Rolling count of records per key.
    public func count() -> DataStream<KeyedValue<Key, Int64>> { rolling("count", { _ in Int64(1) }, +) }
    /// Rolling sum per key.
    public func sum(_ value: @escaping (Element) -> Int64) -> DataStream<KeyedValue<Key, Int64>> { rolling("sum", value, +) }
    public func sum(_ value: @escaping (Element) -> Double) -> DataStream<KeyedValue<Key, Double>> { rolling("sum", value, +) }
    /// Rolling minimum per key.
    public func min(_ value: @escaping (Element) -> Int64) -> DataStream<KeyedValue<Key, Int64>> { rolling("min", value, Swift.min) }
    /// Rolling maximum per key.
    public func max(_ value: @escaping (Element) -> Int64) -> DataStream<KeyedValue<Key, Int64>> { rolling("max", value, Swift.max) }

    /// Rolling average of `value(record)` per key, emitting (key, mean so far); the state keeps the
    /// running sum and count.
    public func average(_ value: @escaping (Element) -> Double) -> DataStream<KeyedValue<Key, Double>> {
        let key = self.key
        return addKeyedOperator("average") { context, backend, _, output in
            let state = try backend.valueState(
                ValueStateDescriptor(name: "average", serializer: [Double].streamSerializer),
                namespaceSerializer: VoidNamespaceSerializer())
            let metrics = context.metrics
            return (Output<Element>(
                record: { record, timestamp in
                    metrics.recordsIn.increment()
                    let k = key(record)
                    backend.setCurrentKey(k)
                    let sumAndCount = try state.value() ?? [0, 0]
                    let updated = [sumAndCount[0] + value(record), sumAndCount[1] + 1]
                    try state.update(updated)
                    metrics.recordsOut.increment()
                    try output.record(KeyedValue(key: k, value: updated[0] / updated[1]), timestamp)
                },
                watermark: output.watermark, streamStatus: output.streamStatus,
                latencyMarker: output.latencyMarker, sideOutput: output.sideOutput), [])
        }
    }
}
