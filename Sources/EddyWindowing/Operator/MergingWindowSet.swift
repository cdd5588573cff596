/// The in-flight windows of one key of a merging assigner, each with the window whose namespace
/// holds its state (Flink's `MergingWindowSet`). When sessions merge, the merged window keeps the
/// state namespace of one of the windows it absorbed, so merging moves the other windows' state
/// into it instead of moving everything to a new namespace.
///
/// The operator reads it from state per element and writes it back when it changed.
struct MergingWindowSet<W: Window> {
    /// (window, state window) pairs; a key has few (one per open session).
    private(set) var mapping: [WindowMapping<W>]
    private(set) var changed = false

    init(_ mapping: [WindowMapping<W>]) { self.mapping = mapping }

    /// The namespace holding `window`'s state, nil when the window is not in flight.
    func stateWindow(of window: W) -> W? {
        mapping.first { $0.window == window }?.stateWindow
    }

    /// Forgets a window that was cleaned up.
    mutating func retire(_ window: W) {
        guard let index = mapping.firstIndex(where: { $0.window == window }) else {
            preconditionFailure("window \(window) is not in the merging window set")
        }
        mapping.remove(at: index)
        changed = true
    }

    private mutating func removeMapping(_ window: W) -> W? {
        guard let index = mapping.firstIndex(where: { $0.window == window }) else { return nil }
        changed = true
        return mapping.remove(at: index).stateWindow
    }

    /// Adds `newWindow`, merging it with the in-flight windows as `assigner` says (Flink's
    /// `MergingWindowSet.addWindow`).
    /// - Parameters:
    ///   - buffers: arrays reused between calls, so adding allocates nothing in steady state.
    ///   - merge: called per merge with the resulting window, the in-flight windows it absorbed,
    ///     the state window it keeps, and the state windows whose state must move into that one.
    /// - Returns: the window `newWindow` ended up in.
    mutating func add<A: WindowAssigner>(
        _ newWindow: W, assigner: A, buffers: inout MergeBuffers<W>,
        merge: (_ result: W, _ merged: [W], _ stateWindow: W, _ mergedStateWindows: [W]) throws -> Void
    ) throws -> W where A.W == W {
        // An element of a window already in flight changes nothing (Flink would reset the window's
        // state namespace here, losing state a merge had put elsewhere).
        if stateWindow(of: newWindow) != nil { return newWindow }
        buffers.windows.removeAll(keepingCapacity: true)
        for entry in mapping { buffers.windows.append(entry.window) }
        buffers.windows.append(newWindow)
        var resultWindow = newWindow
        var mergedNewWindow = false
        var merges = 0
        var windows = buffers.windows
        buffers.windows = []
        defer { buffers.windows = windows }
        try assigner.mergeWindows(&windows) { group, result in
            merges += 1
            buffers.merged.removeAll(keepingCapacity: true)
            for window in group where window != newWindow { buffers.merged.append(window) }
            if buffers.merged.count < group.count {
                mergedNewWindow = true
                resultWindow = result
            }
            guard let first = buffers.merged.first, let keptStateWindow = stateWindow(of: first) else {
                preconditionFailure("a merge of \(group) includes no window in flight")
            }
            buffers.stateWindows.removeAll(keepingCapacity: true)
            for window in buffers.merged {
                if let stateWindow = removeMapping(window), stateWindow != keptStateWindow { buffers.stateWindows.append(stateWindow) }
            }
            mapping.append(WindowMapping(window: result, stateWindow: keptStateWindow))
            changed = true
            // Only the new window merged into an existing one that it did not extend: no state moves.
            if !(buffers.merged.count == 1 && buffers.merged[0] == result) {
                try merge(result, buffers.merged, keptStateWindow, buffers.stateWindows)
            }
        }
        if merges == 0 || (resultWindow == newWindow && !mergedNewWindow) {
            mapping.append(WindowMapping(window: resultWindow, stateWindow: resultWindow))
            changed = true
        }
        return resultWindow
    }
}

/// Arrays a window operator reuses for merging windows.
@usableFromInline
struct MergeBuffers<W: Window> {
    var windows: [W] = []
    var merged: [W] = []
    var stateWindows: [W] = []

    @usableFromInline init() {}
}

/// A window in flight and the namespace of its state.
@usableFromInline
struct WindowMapping<W: Window>: Hashable {
    @usableFromInline var window: W
    @usableFromInline var stateWindow: W

    @usableFromInline
    init(window: W, stateWindow: W) {
        self.window = window
        self.stateWindow = stateWindow
    }
}
