@testable import EddyWindowing
import Testing

@Suite struct TierPlanTests {
    /// Blocks and slices cover a window's slices exactly once, in order, with about n/b + 2b pieces.
    @Test(arguments: [Int64(360), 16, 100])
    func coversEveryWindowExactlyWithFewPieces(_ slices: Int64) throws {
        let layout = SliceLayout(sliceSize: 10, offset: 0, shape: .sliding(windowSlices: slices, slideSlices: 1))
        let plan = TierPlan(layout: layout)
        let block = try #require(plan.blockSize)
        #expect(block == Int64(Double(slices).squareRoot().rounded()))
        for end in Int64(-50)...Int64(400) {
            var covered: [Int64] = []
            var pieces = 0
            plan.cover(from: end - slices, to: end) { index in
                covered.append(index)
                pieces += 1
            } block: { index in
                covered += Array(plan.slices(ofBlock: index))
                pieces += 1
                return true
            }
            #expect(covered == Array((end - slices)..<end))
            #expect(pieces <= Int(slices / block) + 2 * Int(block))
        }
    }

    @Test func unavailableBlocksFallBackToTheirSlices() {
        let plan = TierPlan(layout: SliceLayout(sliceSize: 1, offset: 0, shape: .cumulative(maxSlices: 25)))
        var covered: [Int64] = []
        plan.cover(from: 0, to: 25) { covered.append($0) } block: { _ in false }
        #expect(covered == Array(0..<25))
        #expect(TierPlan(layout: SliceLayout(sliceSize: 5, offset: 0, shape: .tumbling)).blockSize == nil)
    }
}
