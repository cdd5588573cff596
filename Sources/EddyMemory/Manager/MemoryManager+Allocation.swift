extension MemoryManager {
    /// Takes `count` segments for `owner`, all or none.
    func allocate(
        _ count: Int, for owner: MemoryOwner, wait: AllocationWait
    ) throws(MemoryError) -> [MemorySegment] {
        var result: [MemorySegment] = []
        result.reserveCapacity(count)
        try allocate(count, for: owner, wait: wait) { result.append($0) }
        return result
    }

    /// Takes `count` segments for `owner`, all or none, handing each to `body` (under the lock:
    /// `body` must only store the segment).
    @inline(__always)
    func allocate(
        _ count: Int, for owner: MemoryOwner, wait: AllocationWait, _ body: (MemorySegment) -> Void
    ) throws(MemoryError) {
        try lock.withLock { () throws(MemoryError) in
            try waitForRoomLocked(count, for: owner, wait: wait)
            for _ in 0..<count { body(takeSegmentLocked(for: owner)) }
        }
    }

    /// Returns once `count` segments' worth of budget is free for `owner`, under the lock (which
    /// the wait releases while it sleeps); throws when the request can never fit, the owner is
    /// closed, or the wait gives up.
    func waitForRoomLocked(_ count: Int, for owner: MemoryOwner, wait: AllocationWait) throws(MemoryError) {
        if count > totalSegments || (owner.limit.map { count > $0 } ?? false) {
            throw MemoryError(
                .invalidRequest,
                "asked for \(count) segments; the budget holds \(totalSegments) of \(segmentSize) B"
                    + (owner.limit.map { " and the owner's limit is \($0)" } ?? ""),
                owner: owner.name)
        }
        let deadline: UInt64? = switch wait {
        case .fail: nil
        case .wait(let seconds): monotonicNanoseconds() + UInt64(max(seconds, 0) * 1e9)
        }
        while true {
            if owner.closed {
                throw MemoryError(.ownerClosed, "allocation after close", owner: owner.name)
            }
            let fitsBudget = totalSegments - usedSegments >= count
            let fitsLimit = owner.limit.map { owner.held + count <= $0 } ?? true
            if fitsBudget && fitsLimit { return }
            guard let deadline else {
                throw exhausted(count, owner, limitHit: !fitsLimit)
            }
            if !lock.wait(untilNanoseconds: deadline) {
                let error = exhausted(count, owner, limitHit: !fitsLimit)
                throw MemoryError(.timedOut, "waited in vain: " + error.message, owner: owner.name)
            }
        }
    }

    /// The recycled path: pop the free list, or create a segment while the budget has room.
    @inline(__always)
    private func takeSegmentLocked(for owner: MemoryOwner) -> MemorySegment {
        let segment: MemorySegment
        if let recycled = freeList.popLast() {
            segment = recycled
        } else {
            segment = createSegmentLocked()
        }
        ownerOfSegment[segment.storage.managerIndex] = owner.id
        usedSegments += 1
        owner.held += 1
        if usedSegments > peakUsedSegments { peakUsedSegments = usedSegments }
        return segment
    }

    @inline(never)
    private func createSegmentLocked() -> MemorySegment {
        let segment = MemorySegment(size: segmentSize)
        segment.storage.managerIndex = nextSegmentIndex
        ownerOfSegment.append(0)
        allSegments.append(segment)
        nextSegmentIndex += 1
        createdSegments += 1
        return segment
    }

    private func exhausted(_ count: Int, _ owner: MemoryOwner, limitHit: Bool) -> MemoryError {
        let budget = "budget \(budgetBytes) B = \(totalSegments) segments of \(segmentSize) B"
        let message = limitHit
            ? "asked for \(count) segments, holds \(owner.held) of its limit \(owner.limit ?? 0) (\(budget))"
            : "asked for \(count) segments, \(totalSegments - usedSegments) free of the \(budget)"
        return MemoryError(.budgetExhausted, message, owner: owner.name)
    }

    /// Returns segments from `owner` to the free list and wakes waiters.
    func release<S: Sequence>(_ segments: S, from owner: MemoryOwner) where S.Element == MemorySegment {
        lock.withLock {
            var released = 0
            for segment in segments {
                let index = segment.storage.managerIndex
                precondition(
                    index >= 0 && index < ownerOfSegment.count && ownerOfSegment[index] == owner.id,
                    "segment released by '\(owner.name)', which does not hold it (double release, or another owner's or manager's segment)")
                ownerOfSegment[index] = 0
                freeList.append(segment)
                released += 1
            }
            usedSegments -= released
            owner.held -= released
            if released > 0 { lock.broadcast() }
        }
    }

    /// Closes `owner`: whatever it still holds goes back to the free list and is counted as leaked.
    /// - Returns: the number of leaked segments.
    @discardableResult
    func close(_ owner: MemoryOwner) -> Int {
        let leaked: Int = lock.withLock {
            if owner.closed { return 0 }
            owner.closed = true
            openOwners -= 1
            guard owner.held > 0 else { return 0 }
            // Leaks are rare and closing is not on a hot path: a scan over the segment table is fine.
            var found = 0
            for index in ownerOfSegment.indices where ownerOfSegment[index] == owner.id {
                ownerOfSegment[index] = 0
                if let segment = allSegments[index] { freeList.append(segment) }
                found += 1
            }
            // A reservation still held is a leak too; its budget comes back without a segment.
            found += owner.reserved
            reservedSegments -= owner.reserved
            owner.reserved = 0
            usedSegments -= found
            leakedSegments += found
            owner.held = 0
            lock.broadcast()
            return found
        }
        if leaked > 0 {
            logger.warning(
                "memory owner closed while holding segments; returned them to the pool",
                metadata: ["owner": "\(owner.name)", "leakedSegments": "\(leaked)"])
        }
        return leaked
    }
}
