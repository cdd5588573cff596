import Eddy
import EddyCore
import Testing
@testable import EddyWindowing

/// The check queue pops exactly the checks due, earliest first, however its wheel is shaped: checks
/// near, within and beyond the horizon, negative times, jumps of the watermark, the end of time.
@Suite struct SessionCheckQueueTests {
    @Test(arguments: [(0, 1), (2, 4), (3, 8), (8, 256)])
    func popsWhatIsDueInTimeOrder(_ shift: Int, _ buckets: Int) {
        var random = SplitMix64(seed: UInt64(shift * 1000 + buckets))
        var queue = SessionCheckQueue(shift: shift, bucketCount: buckets)
        var model: [Int64] = []
        var watermark = Int64(random.nextInt(below: 200)) - 100
        for step in 0..<20_000 {
            switch random.nextInt(below: 10) {
            case 0..<6:
                // Mostly just ahead of the watermark, sometimes far ahead.
                let ahead = random.nextInt(below: 10) == 0 ? random.nextInt(below: 5000) : random.nextInt(below: 60)
                let time = watermark + 1 + Int64(ahead)
                queue.push(time, key: UInt64(step))
                model.append(time)
            default:
                watermark += random.nextInt(below: 50) == 0 ? Int64(random.nextInt(below: 3000)) : Int64(random.nextInt(below: 20))
                var popped: [Int64] = []
                while let check = queue.pop(dueBy: watermark) { popped.append(check.time) }
                let due = model.filter { $0 <= watermark }.sorted()
                model.removeAll { $0 <= watermark }
                #expect(popped == due, "step \(step), watermark \(watermark)")
                #expect(queue.count == model.count)
                #expect(queue.earliest == model.min())
            }
        }
        var rest: [Int64] = []
        while let check = queue.pop(dueBy: Int64.max) { rest.append(check.time) }
        #expect(rest == model.sorted())
        #expect(queue.count == 0)
        // Empty, it starts again anywhere.
        queue.push(Int64.min + 5, key: 1)
        queue.push(Int64.max - 1, key: 2)
        #expect(queue.pop(dueBy: 0)?.time == Int64.min + 5)
        #expect(queue.pop(dueBy: Int64.max - 2) == nil)
        #expect(queue.pop(dueBy: Int64.max)?.time == Int64.max - 1)
    }
}
