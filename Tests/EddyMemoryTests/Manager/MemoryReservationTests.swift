import Testing
@testable import EddyMemory

@Suite struct MemoryReservationTests {
    @Test func aReservationTakesBudgetButCreatesNoSegments() throws {
        let manager = MemoryManager(budgetBytes: 8 * 4096, segmentSize: 4096)
        let rocks = manager.register(owner: "rocksdb")
        let reservation = try rocks.reserve(bytes: 5 * 4096 - 1)  // rounds up to 5 segments
        #expect(reservation.bytes == 5 * 4096)
        #expect(manager.statistics.usedSegments == 5)
        #expect(manager.statistics.reservedSegments == 5)
        #expect(manager.statistics.createdSegments == 0)
        let other = manager.register(owner: "window")
        _ = try other.allocate(count: 3)
        let error = #expect(throws: MemoryError.self) { try other.allocate() }
        #expect(error?.code == .budgetExhausted)
        reservation.release()
        reservation.release()  // idempotent
        #expect(manager.statistics.usedSegments == 3)
        #expect(manager.statistics.reservedSegments == 0)
        #expect(try other.allocate(count: 5).count == 5)
    }

    @Test func reservingRetiresIdleSegmentsSoMemoryStaysWithinBudget() throws {
        let manager = MemoryManager(budgetBytes: 8 * 4096, segmentSize: 4096)
        let tables = manager.register(owner: "tables")
        tables.release(try tables.allocate(count: 8))
        #expect(manager.statistics.createdSegments == 8)
        let rocks = manager.register(owner: "rocksdb")
        let reservation = try rocks.reserve(bytes: 6 * 4096)
        let stats = manager.statistics
        #expect(stats.createdSegments + stats.reservedSegments <= stats.totalSegments)
        #expect(stats.createdSegments == 2)
        // The two segments left are recycled; the rest of the budget is the reservation's.
        let held = try tables.allocate(count: 2)
        #expect(throws: MemoryError.self) { try tables.allocate() }
        tables.release(held)
        reservation.release()
        // Budget given back: segments are created again on demand.
        #expect(try tables.allocate(count: 8).count == 8)
        #expect(manager.statistics.createdSegments == 8)
    }

    @Test func aReservationTooLargeOrOverTheOwnersLimitIsRefused() throws {
        let manager = MemoryManager(budgetBytes: 4 * 4096, segmentSize: 4096)
        let limited = manager.register(owner: "limited", limit: 2)
        let overLimit = #expect(throws: MemoryError.self) { try limited.reserve(bytes: 3 * 4096) }
        #expect(overLimit?.owner == "limited")
        let owner = manager.register(owner: "big")
        let tooLarge = #expect(throws: MemoryError.self) { try owner.reserve(bytes: 5 * 4096) }
        #expect(tooLarge?.code == .invalidRequest)
        #expect(manager.statistics.usedSegments == 0)
    }

    @Test func closingAnOwnerWithAReservationCountsItAsLeakedAndFreesTheBudget() throws {
        let manager = MemoryManager(budgetBytes: 4 * 4096, segmentSize: 4096)
        let owner = manager.register(owner: "forgetful")
        let reservation = try owner.reserve(bytes: 2 * 4096)
        _ = try owner.allocate()
        #expect(owner.close() == 3)
        #expect(manager.statistics.usedSegments == 0)
        #expect(manager.statistics.reservedSegments == 0)
        #expect(manager.statistics.leakedSegments == 3)
        reservation.release()  // after close: nothing more to give back
        #expect(manager.statistics.usedSegments == 0)
    }
}
