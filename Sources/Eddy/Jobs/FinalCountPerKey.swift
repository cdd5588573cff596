import EddyCore
import EddyState

/// Counts records per key and emits each key's count once, when event time ends: a timer at the end
/// of time, registered with the key's first record (timers are deduplicated per key and time).
/// Its result needs both keyed state and timers, which makes it the golden job of restore tests.
public final class FinalCountPerKey<Input>: KeyedProcessFunction {
    public typealias Key = Int64
    public typealias Out = KeyedValue<Int64, Int64>
    private var count: ValueStateHandle<VoidNamespace, Int64>!

    public init() {}

    public func open(_ context: KeyedProcessOpenContext<Int64>) throws {
        count = try context.state.valueState(ValueStateDescriptor(name: "count", serializer: IntegerSerializer<Int64>()))
    }

    public func processElement(_ value: Input, context: KeyedProcessContext<Int64, Out>) throws {
        let current = try count.value()
        if current == nil { context.registerEventTimeTimer(Int64.max) }
        try count.update((current ?? 0) + 1)
    }

    public func onTimer(_ timestamp: Int64, domain: TimeDomain, context: KeyedProcessContext<Int64, Out>) throws {
        try context.collect(KeyedValue(key: context.currentKey, value: try count.value() ?? 0))
    }
}
