import EddyCore
import Testing

@Suite struct KeyGroupRangeTests {
    @Test func countContainsAndIteration() {
        let range = KeyGroupRange(start: 3, end: 6)
        #expect(range.count == 4)
        #expect(Array(range) == [3, 4, 5, 6])
        #expect(range.contains(3) && range.contains(6))
        #expect(!range.contains(2) && !range.contains(7))
        #expect(range.description == "KeyGroupRange[3, 6]")
    }

    @Test func emptyRange() {
        #expect(KeyGroupRange.empty.isEmpty)
        #expect(KeyGroupRange.empty.count == 0)
        #expect(Array(KeyGroupRange(start: 5, end: 4)).isEmpty)
        #expect(!KeyGroupRange.empty.contains(0))
    }
}
