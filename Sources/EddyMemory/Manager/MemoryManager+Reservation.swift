extension MemoryManager {
    /// Takes `count` segments' worth of budget for `owner` without segments, retiring free segments
    /// when needed so that created segments plus reservations never exceed the budget.
    func reserve(_ count: Int, for owner: MemoryOwner, wait: AllocationWait) throws(MemoryError) -> MemoryReservation {
        try lock.withLock { () throws(MemoryError) in
            try waitForRoomLocked(count, for: owner, wait: wait)
            usedSegments += count
            reservedSegments += count
            owner.held += count
            owner.reserved += count
            if usedSegments > peakUsedSegments { peakUsedSegments = usedSegments }
            retireFreeSegmentsLocked()
            return MemoryReservation(owner: owner, segments: count)
        }
    }

    /// Gives a reservation's budget back (nothing if it was released already or its owner closed).
    func release(_ reservation: MemoryReservation) {
        lock.withLock {
            let owner = reservation.owner
            let count = min(reservation.segments, owner.reserved)
            reservation.segments = 0
            guard count > 0 else { return }
            usedSegments -= count
            reservedSegments -= count
            owner.held -= count
            owner.reserved -= count
            lock.broadcast()
        }
    }

    /// Frees free-listed segments until created segments and reservations fit the budget: a
    /// reservation stands for memory allocated elsewhere, so idle segments must not keep theirs.
    private func retireFreeSegmentsLocked() {
        while createdSegments + reservedSegments > totalSegments, let segment = freeList.popLast() {
            allSegments[segment.storage.managerIndex] = nil
            createdSegments -= 1
        }
    }
}
