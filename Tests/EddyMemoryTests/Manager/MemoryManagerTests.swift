import Foundation
import Testing
@testable import EddyMemory

@Suite struct MemoryManagerTests {
    @Test func budgetIsNeverExceededAndTheErrorNamesOwnerAndBudget() throws {
        let manager = MemoryManager(budgetBytes: 4 * 4096, segmentSize: 4096)
        let window = manager.register(owner: "job-1/window")
        let taken = try window.allocate(count: 4)
        #expect(taken.count == 4)
        #expect(manager.statistics.usedSegments == 4)
        let error = #expect(throws: MemoryError.self) { try window.allocate() }
        #expect(error?.code == .budgetExhausted)
        #expect(error?.owner == "job-1/window")
        #expect(error?.description.contains("16384") == true)
        #expect(manager.statistics.createdSegments == 4)
    }

    @Test func exhaustionOfOneOwnerLeavesOthersWorking() throws {
        let manager = MemoryManager(budgetBytes: 8 * 4096, segmentSize: 4096)
        let greedy = manager.register(owner: "greedy", limit: 5)
        let modest = manager.register(owner: "modest")
        let held = try greedy.allocate(count: 5)
        #expect(throws: MemoryError.self) { try greedy.allocate() }  // its own limit
        // The budget still has room for the other owner, and it carries on.
        let mine = try modest.allocate(count: 3)
        #expect(throws: MemoryError.self) { try modest.allocate() }
        modest.release(mine)
        #expect(try modest.allocate(count: 3).count == 3)
        greedy.release(held)
        #expect(manager.statistics.usedSegments == 3)
    }

    @Test func allOrNothing() throws {
        let manager = MemoryManager(budgetBytes: 4 * 4096, segmentSize: 4096)
        let a = manager.register(owner: "a")
        _ = try a.allocate(count: 3)
        #expect(throws: MemoryError.self) { try a.allocate(count: 2) }
        #expect(manager.statistics.usedSegments == 3)
        let tooMany = #expect(throws: MemoryError.self) { try a.allocate(count: 5) }
        #expect(tooMany?.code == .invalidRequest)
    }

    @Test func releasedSegmentsAreRecycledNotRecreated() throws {
        let manager = MemoryManager(budgetBytes: 64 * 4096, segmentSize: 4096)
        let owner = manager.register(owner: "cycler")
        let first = try owner.allocate()
        owner.release(first)
        let second = try owner.allocate()
        #expect(second.identity == first.identity)
        owner.release(second)
        for _ in 0..<1000 { owner.release(try owner.allocate()) }
        #expect(manager.statistics.createdSegments == 1)
    }

    @Test func closeReturnsLeakedSegmentsAndCountsThem() throws {
        let manager = MemoryManager(budgetBytes: 4 * 4096, segmentSize: 4096)
        let leaky = manager.register(owner: "leaky")
        _ = try leaky.allocate(count: 3)
        #expect(leaky.close() == 3)
        let stats = manager.statistics
        #expect(stats.leakedSegments == 3)
        #expect(stats.usedSegments == 0)
        #expect(stats.openOwners == 0)
        let closedError = #expect(throws: MemoryError.self) { try leaky.allocate() }
        #expect(closedError?.code == .ownerClosed)
        // The leaked pages are back in the pool for others.
        let next = manager.register(owner: "next")
        #expect(try next.allocate(count: 4).count == 4)
        #expect(manager.statistics.createdSegments == 4)
    }

    @Test func droppingAnOwnerClosesIt() throws {
        let manager = MemoryManager(budgetBytes: 4 * 4096, segmentSize: 4096)
        do {
            let temporary = manager.register(owner: "temporary")
            _ = try temporary.allocate(count: 2)
        }
        #expect(manager.statistics.usedSegments == 0)
        #expect(manager.statistics.leakedSegments == 2)
    }

    @Test func waitingAllocationTimesOut() throws {
        let manager = MemoryManager(budgetBytes: 4096, segmentSize: 4096)
        let owner = manager.register(owner: "waiter")
        _ = try owner.allocate()
        let start = Date()
        let error = #expect(throws: MemoryError.self) { try owner.allocate(wait: .wait(seconds: 0.05)) }
        #expect(error?.code == .timedOut)
        #expect(Date().timeIntervalSince(start) >= 0.04)
    }

    @Test func waitingAllocationGetsASegmentWhenAnotherOwnerReleases() throws {
        let manager = MemoryManager(budgetBytes: 2 * 4096, segmentSize: 4096)
        let holder = manager.register(owner: "holder")
        let waiter = manager.register(owner: "waiter")
        let held = try holder.allocate(count: 2)
        let releaser = Thread { Thread.sleep(forTimeInterval: 0.05); holder.release(held) }
        releaser.start()
        let got = try waiter.allocate(count: 2, wait: .wait(seconds: 10))
        #expect(got.count == 2)
        #expect(holder.heldSegments == 0)
        #expect(waiter.heldSegments == 2)
    }

    @Test func concurrentOwnersNeverOverAllocate() async throws {
        let manager = MemoryManager(budgetBytes: 16 * 4096, segmentSize: 4096)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    let owner = manager.register(owner: "worker-\(worker)")
                    for _ in 0..<2000 {
                        if let segments = try? owner.allocate(count: 3) {
                            #expect(manager.statistics.usedSegments <= 16)
                            owner.release(segments)
                        }
                    }
                    owner.close()
                }
            }
        }
        let stats = manager.statistics
        #expect(stats.usedSegments == 0)
        #expect(stats.peakUsedSegments <= 16)
        #expect(stats.createdSegments <= 16)
        #expect(stats.leakedSegments == 0)
    }
}
