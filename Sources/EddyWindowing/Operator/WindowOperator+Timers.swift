import EddyRuntime

extension WindowOperator {
    /// Advances event time: fires every window timer at or before the watermark (the caller
    /// forwards the watermark downstream afterwards).
    public func processWatermark(_ watermark: Watermark) throws {
        metrics.currentWatermark.set(watermark.timestamp)
        try timers.advanceWatermark(to: watermark.timestamp) { key, window, time in
            try onTimer(key: key, window: window, time: time, eventTime: true)
        }
    }

    /// Advances processing time to `time`, firing every processing-time timer due.
    public func advanceProcessingTime(to time: Int64) throws {
        try timers.advanceProcessingTime(to: time) { key, window, time in
            try onTimer(key: key, window: window, time: time, eventTime: false)
        }
    }

    /// A window timer fired: ask the trigger, fire or purge, and clean the window up when the
    /// timer is its cleanup timer (Flink's `onEventTime` / `onProcessingTime`).
    func onTimer(key: Key, window: W, time: Int64, eventTime: Bool) throws {
        setCurrentKey(key)
        var windows: MergingWindowSet<W>?
        if let mergingWindows {
            let set = MergingWindowSet(try mergingWindows.value() ?? [])
            // A trigger that did not delete its timers; the window and its state are gone already.
            guard let stateWindow = set.stateWindow(of: window) else { return }
            contents.setWindow(stateWindow)
            windows = set
        } else {
            contents.setWindow(window)
        }
        triggerContext.window = window
        let result = eventTime
            ? try trigger.onEventTime(time, window: window, context: triggerContext)
            : try trigger.onProcessingTime(time, window: window, context: triggerContext)
        if result.isFire { try emit(window, key) }
        if result.isPurge { try contents.clear() }
        if eventTime == assigner.isEventTime && time == cleanupTime(window) {
            try clearAllState(window, key, &windows)
        }
        if let windows, windows.changed, let mergingWindows {
            try mergingWindows.update(windows.mapping.isEmpty ? nil : windows.mapping)
        }
    }

    /// Drops everything of a window: contents, trigger state and timers, the function's window
    /// state, and its place in the merging window set.
    func clearAllState(_ window: W, _ key: Key, _ windows: inout MergingWindowSet<W>?) throws {
        try contents.clear()
        triggerContext.window = window
        try trigger.clear(window: window, context: triggerContext)
        processContext.currentWindow = window
        try function.clear(key: key, context: processContext)
        windows?.retire(window)
    }
}
