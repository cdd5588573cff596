extension WindowOperator {
    /// Adds the element's window to the key's merging window set, merging sessions (their
    /// triggers, cleanup timers and state), then adds the element to the window it ended up in.
    /// - Returns: false when that window is already late (the element is skipped).
    func addToMergingWindow(
        _ window: W, _ value: Assigner.Element, _ timestamp: Int64?, _ key: Key, _ windows: inout MergingWindowSet<W>
    ) throws -> Bool {
        let actual = try windows.add(window, assigner: assigner, buffers: &mergeBuffers) { result, merged, stateWindow, mergedStateWindows in
            try checkMergeResult(result)
            triggerContext.window = result
            triggerContext.mergedWindows = merged
            defer { triggerContext.mergedWindows = [] }
            try trigger.onMerge(window: result, context: triggerContext)
            for window in merged {
                triggerContext.window = window
                try trigger.clear(window: window, context: triggerContext)
                deleteCleanupTimer(window)
            }
            try contents.merge(mergedStateWindows, into: stateWindow)
        }
        if isLate(actual) {
            windows.retire(actual)
            return false
        }
        guard let stateWindow = windows.stateWindow(of: actual) else {
            preconditionFailure("window \(actual) is not in the merging window set")
        }
        contents.setWindow(stateWindow)
        try add(value, timestamp, to: actual, stateWindow: stateWindow, key)
        return true
    }

    /// Merging must not produce a window that ended already (Flink refuses it too).
    private func checkMergeResult(_ result: W) throws {
        if assigner.isEventTime, cleanupTime(result) <= timers.currentWatermark {
            throw WindowingError(
                .mergeIntoThePast,
                "\(name): merging produced \(result), which ends before the watermark \(timers.currentWatermark) plus the allowed lateness")
        }
        if !assigner.isEventTime, result.maxTimestamp <= clock.currentTimeMillis() {
            throw WindowingError(.mergeIntoThePast, "\(name): merging produced \(result), which ended in processing time already")
        }
    }
}
