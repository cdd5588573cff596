import EddyCore
import EddyState

/// Counts records per key and tumbling event-time window with a map state (window start → count)
/// and a timer at each window's last millisecond; a window fires when the watermark passes it.
/// Records for windows the watermark already passed are dropped and counted as late.
final class TumblingCountPerKey: KeyedProcessFunction {
    typealias Key = Int64
    typealias Input = Click
    typealias Out = WindowCount
    let windowMillis: Int64
    private var counts: MapStateHandle<VoidNamespace, Int64, Int64>!

    init(windowMillis: Int64) { self.windowMillis = windowMillis }

    func open(_ context: KeyedProcessOpenContext<Int64>) throws {
        counts = try context.state.mapState(
            MapStateDescriptor(name: "window-counts", keySerializer: IntegerSerializer<Int64>(), valueSerializer: IntegerSerializer<Int64>()))
    }

    func processElement(_ value: Click, context: KeyedProcessContext<Int64, WindowCount>) throws {
        let time = value.timestampMillis
        // Floor division, so negative timestamps land in the right window too.
        let start = time - ((time % windowMillis) + windowMillis) % windowMillis
        let last = start + windowMillis - 1
        guard last > context.currentWatermark else { return context.countLateRecord() }
        try counts.put(start, (try counts.get(start) ?? 0) + 1)
        context.registerEventTimeTimer(last)
    }

    func onTimer(_ timestamp: Int64, domain: TimeDomain, context: KeyedProcessContext<Int64, WindowCount>) throws {
        let start = timestamp + 1 - windowMillis
        guard let count = try counts.get(start) else { return }
        try counts.remove(start)
        try context.collect(WindowCount(start: start, end: start + windowMillis, key: context.currentKey, count: count))
    }
}
