import EddyCore
import EddyRuntime
import EddyState

/// The general window operator (Flink's `WindowOperator`): any assigner, trigger, evictor and
/// function. Window contents live in the keyed backend with the window as namespace; triggers'
/// timers in an ``InternalTimerService`` with the window as namespace; sessions keep their
/// in-flight windows per key in a ``MergingWindowSet`` (in state too). So everything it holds is
/// checkpointed with the backend and the timers.
///
/// Per element: set the key, assign windows, and for each window that is not late add the element,
/// ask the trigger, fire or purge, and register the cleanup timer at `maxTimestamp + lateness`.
/// Elements late for all their windows go to the late-data side output (or are counted and dropped).
///
/// Thread-safety: the task thread only.
public final class WindowOperator<
    Key: Hashable, Assigner: WindowAssigner, Trig: Trigger, Contents: WindowContents, Function: WindowResultFunction
>: OperatorLifecycle
where
    Trig.Element == Assigner.Element, Trig.W == Assigner.W, Contents.Input == Assigner.Element,
    Contents.W == Assigner.W, Function.Input == Contents.Result, Function.Key == Key, Function.W == Assigner.W
{
    public typealias W = Assigner.W
    public let name: String
    @usableFromInline let assigner: Assigner
    @usableFromInline let trigger: Trig
    @usableFromInline let contents: Contents
    @usableFromInline let function: Function
    @usableFromInline let backend: any KeyedStateBackend<Key>
    /// The window timers (event and processing time), for checkpoints.
    public let timers: InternalTimerService<Key, W>
    @usableFromInline let clock: any StateClock
    @usableFromInline let settings: WindowOperatorSettings
    @usableFromInline let metrics: OperatorMetrics
    @usableFromInline let services: WindowServices<W>
    @usableFromInline let currentKey = CurrentKey<Key>()
    @usableFromInline let triggerContext: TriggerContext<W>
    @usableFromInline let processContext: ProcessWindowContext<Key, W, Function.Out>
    /// The merging window sets of merging assigners (nil for the others).
    @usableFromInline let mergingWindows: ValueStateHandle<VoidNamespace, [WindowMapping<W>]>?
    @usableFromInline var mergeBuffers = MergeBuffers<W>()

    /// Builds the operator over `backend` and the state made on it: `contents`, and for merging
    /// assigners `mergingWindows` (make both where the backend's concrete type is known, so their
    /// handles run specialized code). Inlinable, so the timer calls it wires up are specialized too.
    @inlinable
    public init<B: KeyedStateBackend>(
        backend: B, assigner: Assigner, trigger: Trig, contents: Contents, mergingWindows: MergingWindowsState<W>?,
        function: Function, output: Output<Function.Out>, clock: any StateClock, metrics: OperatorMetrics, settings: WindowOperatorSettings
    ) throws where B.Key == Key {
        precondition(assigner.isMerging == (mergingWindows != nil), "merging assigners, and only they, need a merging window state")
        precondition(!assigner.isMerging || trigger.canMerge, "trigger \(Trig.self) cannot be used with merging windows")
        name = settings.name
        self.assigner = assigner
        self.trigger = trigger
        self.contents = contents
        self.function = function
        self.backend = backend
        self.clock = clock
        self.settings = settings
        self.metrics = metrics
        timers = InternalTimerService(
            name: "window-timers", keySerializer: backend.keySerializer, namespaceSerializer: assigner.windowSerializer,
            keyGroupRange: backend.keyGroupRange, maxParallelism: backend.maxParallelism)
        let windowStates = BackendStateScope<Key, Assigner.WindowSerializer>(
            backend: backend, namespaceSerializer: assigner.windowSerializer)
        services = WindowServices(timers: timers, clock: clock, windowStates: windowStates, currentKey: currentKey)
        triggerContext = TriggerContext(services: services)
        processContext = ProcessWindowContext(
            services: services, globalStates: BackendStateScope(backend: backend, namespaceSerializer: VoidNamespaceSerializer()),
            output: output, metrics: metrics)
        self.mergingWindows = mergingWindows?.handle
    }

    /// Processes one element of `key`.
    /// - Throws: ``WindowingError``, the user functions' errors, state errors.
    public func processElement(_ value: Assigner.Element, timestamp: Int64?, key: Key) throws {
        metrics.recordsIn.increment()
        setCurrentKey(key)
        let now = assigner.isEventTime ? timers.currentProcessingTime : clock.currentTimeMillis()
        var skipped = true
        if let mergingWindows {
            var windows = MergingWindowSet(try mergingWindows.value() ?? [])
            try assigner.assignWindows(value, timestamp: timestamp, currentProcessingTime: now) { window in
                if try addToMergingWindow(window, value, timestamp, key, &windows) { skipped = false }
            }
            if windows.changed { try mergingWindows.update(windows.mapping.isEmpty ? nil : windows.mapping) }
        } else {
            try assigner.assignWindows(value, timestamp: timestamp, currentProcessingTime: now) { window in
                guard !isLate(window) else { return }
                skipped = false
                contents.setWindow(window)
                try add(value, timestamp, to: window, stateWindow: window, key)
            }
        }
        if skipped, let timestamp, assigner.isEventTime, timestamp &+ settings.allowedLateness <= timers.currentWatermark {
            if let tag = settings.lateDataTag {
                try processContext.output.sideOutput(tag, value, timestamp)
            } else {
                metrics.lateRecordsDropped.increment()
            }
        }
    }

    /// Adds the element to a window whose contents are set, asks the trigger, fires or purges, and
    /// registers the cleanup timer.
    @inline(__always)
    func add(_ value: Assigner.Element, _ timestamp: Int64?, to window: W, stateWindow: W, _ key: Key) throws {
        try contents.add(value, timestamp: timestamp)
        triggerContext.window = window
        let result = try trigger.onElement(value, timestamp: timestamp, window: window, context: triggerContext)
        if result.isFire { try emit(window, key) }
        if result.isPurge { try contents.clear() }
        registerCleanupTimer(window)
    }

    @inline(__always)
    func setCurrentKey(_ key: Key) {
        backend.setCurrentKey(key)
        currentKey.value = key
    }

    /// Runs the function on the contents (set to the window's state window by the caller).
    func emit(_ window: W, _ key: Key) throws {
        processContext.currentWindow = window
        let evictorContext = EvictorContext(currentWatermark: timers.currentWatermark, currentProcessingTime: clock.currentTimeMillis())
        try contents.emit(window: window, context: evictorContext) { result in
            try function.apply(result, key: key, context: processContext)
        }
    }

    /// When the window's state goes: `maxTimestamp + allowedLateness` in event time (never, on
    /// overflow), `maxTimestamp` in processing time.
    @inline(__always)
    func cleanupTime(_ window: W) -> Int64 {
        guard assigner.isEventTime else { return window.maxTimestamp }
        let (time, overflow) = window.maxTimestamp.addingReportingOverflow(settings.allowedLateness)
        return overflow ? Int64.max : time
    }

    /// Whether an event-time window was already cleaned up (its lateness has passed).
    @inline(__always)
    func isLate(_ window: W) -> Bool { assigner.isEventTime && cleanupTime(window) <= timers.currentWatermark }

    /// Whether the window's cleanup timer is the trigger's own timer at its end (event time, no
    /// lateness, an ``EventTimeTrigger``): then the trigger registers and deletes it.
    @inline(__always)
    func cleanupIsTriggerTimer(_ window: W) -> Bool {
        assigner.isEventTime && settings.allowedLateness == 0 && trigger.keepsEventTimeTimerAtWindowEnd
    }

    @inline(__always)
    func registerCleanupTimer(_ window: W) {
        let time = cleanupTime(window)
        guard time != Int64.max, !cleanupIsTriggerTimer(window) else { return }
        if assigner.isEventTime {
            services.registerEventTimer(window, time)
        } else {
            services.registerProcessingTimer(window, time)
        }
    }

    func deleteCleanupTimer(_ window: W) {
        let time = cleanupTime(window)
        guard time != Int64.max, !cleanupIsTriggerTimer(window) else { return }
        if assigner.isEventTime {
            services.deleteEventTimer(window, time)
        } else {
            services.deleteProcessingTimer(window, time)
        }
    }
}
