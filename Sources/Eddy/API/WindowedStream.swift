import EddyCore
import EddyRuntime
import EddyWindowing

/// A keyed stream cut into windows, as Flink's `WindowedStream`: set the trigger, evictor and
/// lateness, then apply a function (`reduce`, `aggregate`, `process`) to get a stream of results.
///
/// Aligned windows (tumbling, sliding, cumulative in event time) with their default trigger, no
/// evictor and a reduce or aggregate function run on the slicing operator; everything else on the
/// general ``WindowOperator``.
public struct WindowedStream<
    Element: StreamSerializable, Key: StreamSerializable & Hashable, Assigner: WindowAssigner, Trig: Trigger, Evict: Evictor
> where
    Assigner.Element == Element, Trig.Element == Element, Trig.W == Assigner.W, Evict.Element == Element,
    Evict.W == Assigner.W
{
    let keyed: KeyedStream<Element, Key>
    let assigner: Assigner
    let windowTrigger: Trig
    let windowEvictor: Evict
    /// Whether the trigger is still the assigner's default (a condition of the slicing operator).
    let hasDefaultTrigger: Bool
    var allowedLatenessMillis: Int64 = 0
    var lateDataTag: String?
    /// `windowAll`: one subtask sees every element.
    var isAllWindows = false
    /// Whether aligned windows may run on the slicing operator, and sessions on the session one.
    var specializedOperatorsAllowed = true

    /// Fires windows with `trigger` instead of the assigner's default.
    public func trigger<T: Trigger>(_ trigger: T) -> WindowedStream<Element, Key, Assigner, T, Evict>
    where T.Element == Element, T.W == Assigner.W {
        var stream = WindowedStream<Element, Key, Assigner, T, Evict>(
            keyed: keyed, assigner: assigner, windowTrigger: trigger, windowEvictor: windowEvictor, hasDefaultTrigger: false)
        stream.copySettings(from: self)
        return stream
    }

    /// Evicts elements before or after the window function; the window then keeps all its elements.
    public func evictor<E: Evictor>(_ evictor: E) -> WindowedStream<Element, Key, Assigner, Trig, E>
    where E.Element == Element, E.W == Assigner.W {
        var stream = WindowedStream<Element, Key, Assigner, Trig, E>(
            keyed: keyed, assigner: assigner, windowTrigger: windowTrigger, windowEvictor: evictor, hasDefaultTrigger: hasDefaultTrigger)
        stream.copySettings(from: self)
        return stream
    }

    /// Keeps event-time windows `millis` past their end, so late elements still update (and, with
    /// the default trigger, re-fire) them.
    public func allowedLateness(millis: Int64) -> WindowedStream {
        precondition(millis >= 0, "allowed lateness must not be negative, got \(millis) ms")
        var stream = self
        stream.allowedLatenessMillis = millis
        return stream
    }

    /// Sends elements too late for all their windows to the side output `tag` (read it with
    /// `sideOutput(tag)` on the result) instead of dropping them.
    public func sideOutputLateData(_ tag: OutputTag<Element>) -> WindowedStream {
        var stream = self
        stream.lateDataTag = tag.name
        return stream
    }

    /// Runs on the general window operator even where the slicing or the session operator could:
    /// for reduce functions that are not commutative (the slicing operator merges slices in time
    /// order, not in arrival order), or to compare.
    public func withGeneralOperator() -> WindowedStream {
        var stream = self
        stream.specializedOperatorsAllowed = false
        return stream
    }

    private mutating func copySettings<T, E>(from other: WindowedStream<Element, Key, Assigner, T, E>) {
        allowedLatenessMillis = other.allowedLatenessMillis
        lateDataTag = other.lateDataTag
        isAllWindows = other.isAllWindows
        specializedOperatorsAllowed = other.specializedOperatorsAllowed
    }

    func settings(_ name: String) -> WindowOperatorSettings {
        WindowOperatorSettings(name: name, allowedLateness: allowedLatenessMillis, lateDataTag: lateDataTag)
    }

    /// The result stream of an operator: `windowAll` runs in one subtask.
    func finish<R>(_ stream: DataStream<R>) -> DataStream<R> {
        isAllWindows ? stream.setParallelism(1) : stream
    }
}

extension KeyedStream {
    /// Cuts each key's elements into the windows of `assigner`, fired by its default trigger.
    public func window<A: WindowAssigner>(_ assigner: A) -> WindowedStream<Element, Key, A, A.DefaultTrigger, NoEvictor<Element, A.W>>
    where A.Element == Element {
        WindowedStream(keyed: self, assigner: assigner, windowTrigger: assigner.defaultTrigger, windowEvictor: NoEvictor(), hasDefaultTrigger: true)
    }

    /// Windows of `size` elements per key, emitted (and emptied) when full (Flink's `countWindow`).
    public func countWindow(
        _ size: Int64
    ) -> WindowedStream<Element, Key, GlobalWindows<Element>, PurgingTrigger<CountTrigger<Element, GlobalWindow>>, NoEvictor<Element, GlobalWindow>> {
        window(GlobalWindows()).trigger(PurgingTrigger(CountTrigger(size)))
    }

    /// The last `size` elements per key, emitted every `slide` elements.
    public func countWindow(
        _ size: Int64, slide: Int64
    ) -> WindowedStream<Element, Key, GlobalWindows<Element>, CountTrigger<Element, GlobalWindow>, CountEvictor<Element, GlobalWindow>> {
        precondition(size > 0, "a count window needs a positive size, got \(size)")
        return window(GlobalWindows()).evictor(CountEvictor(Int(size))).trigger(CountTrigger(slide))
    }
}
