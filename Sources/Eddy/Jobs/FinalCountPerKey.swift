import EddyCore
import EddyState

/// Counts records per key and emits each key's count once, when event time ends: a timer at the end
/// of time, registered with the key's first record (timers are deduplicated per key and time).
final class FinalCountPerKey: KeyedProcessFunction {
    typealias Key = Int64
    typealias Input = Click
    typealias Out = KeyedValue<Int64, Int64>
    private var count: ValueStateHandle<VoidNamespace, Int64>!

    func open(_ context: KeyedProcessOpenContext<Int64>) throws {
        count = try context.state.valueState(ValueStateDescriptor(name: "count", serializer: IntegerSerializer<Int64>()))
    }

    func processElement(_ value: Click, context: KeyedProcessContext<Int64, Out>) throws {
        let current = try count.value()
        if current == nil { context.registerEventTimeTimer(Int64.max) }
        try count.update((current ?? 0) + 1)
    }

    func onTimer(_ timestamp: Int64, domain: TimeDomain, context: KeyedProcessContext<Int64, Out>) throws {
        try context.collect(KeyedValue(key: context.currentKey, value: try count.value() ?? 0))
    }
}
