import EddyRuntime

extension SlicingWindowOperator {
    /// Advances event time: fires every window whose end the watermark passed (once), then drops
    /// the slices and blocks no window within its lateness needs any more. The caller forwards the
    /// watermark afterwards.
    public func processWatermark(_ watermark: Watermark) throws {
        currentWatermark = watermark.timestamp
        metrics.currentWatermark.set(watermark.timestamp)
        try fireCompleteWindows()
        try dropExpiredSlices()
    }

    /// Fires, in order, the windows that end after `firedUpTo`, are complete at the watermark and
    /// hold data, skipping over the stretches without slices.
    private func fireCompleteWindows() throws {
        let limit = layout.lastWindowEnd(atOrBefore: currentWatermark)
        defer {
            firedUpTo = Swift.max(firedUpTo, limit)
            if let progress = restoredProgress, progress.upTo <= firedUpTo { restoredProgress = nil }
        }
        guard let firstLive = sliceOrder.first else { return }
        var end = layout.nextWindowEnd(after: Swift.max(firedUpTo, firstLive))
        while end <= limit {
            let position = firstLiveSlicePosition(atOrAfter: layout.firstSlice(ofWindowEndingAt: end))
            guard position < sliceOrder.count else { return }
            let live = sliceOrder[position]
            if live >= end {
                end = layout.nextWindowEnd(after: live)
                continue
            }
            try fire(windowEndingAt: end)
            end = layout.nextWindowEnd(after: end)
        }
    }

    /// Emits the result of every key of the window ending at slice index `end`.
    func fire(windowEndingAt end: Int64) throws {
        let timestamp = layout.maxTimestamp(ofWindowEndingAt: end)
        if let progress = restoredProgress, end <= progress.upTo {
            return try fireRestored(windowEndingAt: end, progress.byKeyGroup)
        }
        let pieces = cover(windowEndingAt: end)
        if pieces.count == 1 {
            try forEachPartial(of: pieces[0]) { bits, accumulator in try emit(bits, accumulator, end: end, timestamp: timestamp) }
            return
        }
        scratch.removeAll(keepingCapacity: true)
        for piece in pieces {
            try forEachPartial(of: piece) { bits, accumulator in
                if let earlier = scratch[bits] {
                    scratch[bits] = try aggregation.merge(earlier, accumulator)
                } else {
                    scratch[bits] = accumulator
                }
            }
        }
        for (bits, accumulator) in scratch { try emit(bits, accumulator, end: end, timestamp: timestamp) }
    }

    /// Fires a window after a restore from subtasks that had fired different windows: only the keys
    /// whose old subtask had not fired it yet.
    private func fireRestored(windowEndingAt end: Int64, _ progress: [Int: Int64]) throws {
        var keys: Set<UInt64> = []
        for piece in cover(windowEndingAt: end) {
            try forEachPartial(of: piece) { bits, _ in
                if end > progress[keyGroupOfBits(bits)] ?? Int64.min { keys.insert(bits) }
            }
        }
        for bits in keys { try refire(end, key: try decodeKey(bits), bits: bits) }
    }

    /// Emits one key's result of the window ending at `end` again (a late element changed it).
    func refire(_ end: Int64, key: Key, bits: UInt64) throws {
        var result: Accumulator?
        for piece in cover(windowEndingAt: end) {
            var partial = try piece.partials.get(bits)
            if partial == nil && piece.spilled {
                backend.setCurrentKey(key)
                spill.setCurrentNamespace(piece.index)
                partial = try spill.value()
            }
            guard let partial else { continue }
            result = try result.map { try aggregation.merge($0, partial) } ?? partial
        }
        if let result { try emit(bits, result, end: end, timestamp: layout.maxTimestamp(ofWindowEndingAt: end)) }
    }

    @inline(__always)
    private func emit(_ bits: UInt64, _ accumulator: Accumulator, end: Int64, timestamp: Int64) throws {
        metrics.recordsOut.increment()
        try output.record(try aggregation.result(of: accumulator), timestamp)
    }

    /// The slices and pre-combined blocks that make up the window ending at `end`, in time order.
    func cover(windowEndingAt end: Int64) -> [Slice<Partials>] {
        var pieces: [Slice<Partials>] = []
        tiers.cover(from: layout.firstSlice(ofWindowEndingAt: end), to: end) { index in
            if let slice = slices[index] { pieces.append(slice) }
        } block: { index in
            guard let block = try? self.block(index) else { return false }
            pieces.append(block)
            return true
        }
        return pieces
    }

    /// Block `index`, built from its slices on first use; nil when it does not fit the budget.
    private func block(_ index: Int64) throws -> Slice<Partials>? {
        if let block = blocks[index] { return block }
        guard !unavailableBlocks.contains(index) else { return nil }
        let block = Slice(index: index, partials: makePartials())
        var fits = true
        for sliceIndex in tiers.slices(ofBlock: index) {
            guard fits, let slice = slices[sliceIndex] else { continue }
            try forEachPartial(of: slice) { bits, accumulator in
                guard fits else { return }
                fits = try block.partials.update(bits) { earlier in try earlier.map { try aggregation.merge($0, accumulator) } ?? accumulator }
            }
        }
        guard fits else {
            block.partials.release()
            unavailableBlocks.insert(index)
            return nil
        }
        blocks[index] = block
        return block
    }

    /// Every partial of a slice: those in its table, then those it spilled to the backend.
    func forEachPartial(of slice: Slice<Partials>, _ body: (UInt64, Accumulator) throws -> Void) throws {
        try slice.partials.forEach(body)
        guard slice.spilled else { return }
        for key in try backend.keys(stateName: spill.name, namespace: slice.index) {
            backend.setCurrentKey(key)
            spill.setCurrentNamespace(slice.index)
            if let partial = try spill.value() { try body(encodeKey(key), partial) }
        }
    }

    /// Drops the slices whose last window is past its lateness, and the blocks made of them.
    func dropExpiredSlices() throws {
        var expired = 0
        while expired < sliceOrder.count, isLate(layout.lastWindowEnd(containingSlice: sliceOrder[expired])) {
            let index = sliceOrder[expired]
            if let slice = slices.removeValue(forKey: index) { try discard(slice) }
            expired += 1
        }
        guard expired > 0 else { return }
        sliceOrder.removeFirst(expired)
        forgetRecentSlice()
        for block in Array(blocks.keys) + Array(unavailableBlocks) {
            let slices = tiers.slices(ofBlock: block)
            if isLate(layout.lastWindowEnd(containingSlice: slices.upperBound - 1)) { dropBlock(block, available: true) }
        }
    }

    /// Releases a slice's table and deletes what it spilled.
    private func discard(_ slice: Slice<Partials>) throws {
        slice.partials.release()
        guard slice.spilled else { return }
        for key in try backend.keys(stateName: spill.name, namespace: slice.index) {
            backend.setCurrentKey(key)
            spill.setCurrentNamespace(slice.index)
            try spill.clear()
        }
    }
}
