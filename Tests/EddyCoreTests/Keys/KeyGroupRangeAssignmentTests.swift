import EddyCore
import Testing

@Suite struct KeyGroupRangeAssignmentTests {
    /// For every parallelism, the operator ranges partition `0..<maxParallelism` in order, and
    /// each key group's operator is the one whose range contains it.
    @Test(arguments: [1, 7, 128])
    func rangesPartitionKeyGroups(maxParallelism: Int) {
        for parallelism in 1...maxParallelism {
            var next = 0
            for index in 0..<parallelism {
                let range = KeyGroupRangeAssignment.range(
                    forOperatorIndex: index, parallelism: parallelism, maxParallelism: maxParallelism)
                #expect(range.start == next)
                // Sizes differ by at most one, and no operator is left without key groups.
                #expect(range.count == maxParallelism / parallelism || range.count == maxParallelism / parallelism + 1)
                next = range.end + 1
            }
            #expect(next == maxParallelism)

            for keyGroup in 0..<maxParallelism {
                let index = KeyGroupRangeAssignment.operatorIndex(
                    forKeyGroup: keyGroup, parallelism: parallelism, maxParallelism: maxParallelism)
                #expect((0..<parallelism).contains(index))
                let range = KeyGroupRangeAssignment.range(
                    forOperatorIndex: index, parallelism: parallelism, maxParallelism: maxParallelism)
                #expect(range.contains(keyGroup))
            }
        }
    }

    @Test func matchesFlinkFormulas() {
        // Flink: maxParallelism 128, parallelism 3 gives [0,42], [43,85], [86,127].
        let ranges = (0..<3).map {
            KeyGroupRangeAssignment.range(forOperatorIndex: $0, parallelism: 3, maxParallelism: 128)
        }
        #expect(ranges == [
            KeyGroupRange(start: 0, end: 42), KeyGroupRange(start: 43, end: 85),
            KeyGroupRange(start: 86, end: 127),
        ])
        #expect(KeyGroupRangeAssignment.defaultMaxParallelism == 128)
    }

    /// Pinned values: murmur3 (seed 0) of the serialized key modulo max parallelism, computed
    /// once with an independent MurmurHash3 implementation. A change here moves keyed state to
    /// the wrong operators after a restore, so these must never change.
    @Test(arguments: [
        (Int64(0), 124, 1, 11004),
        (1, 126, 6, 15742),
        (42, 55, 2, 11063),
        (-1, 104, 5, 25832),
        (1_234_567_890, 44, 5, 28588),
    ])
    func stableForIntegerKeys(key: Int64, kg128: Int, kg7: Int, kg32768: Int) {
        let serializer = IntegerSerializer<Int64>()
        #expect(KeyGroupRangeAssignment.keyGroup(for: key, serializer: serializer, maxParallelism: 128) == kg128)
        #expect(KeyGroupRangeAssignment.keyGroup(for: key, serializer: serializer, maxParallelism: 7) == kg7)
        #expect(KeyGroupRangeAssignment.keyGroup(for: key, serializer: serializer, maxParallelism: 32768) == kg32768)
    }

    @Test(arguments: [("user-1", 43, 29739), ("日本", 38, 21542), ("", 55, 10423)])
    func stableForStringKeys(key: String, kg128: Int, kg32768: Int) {
        let serializer = StringSerializer()
        var scratch = ByteArrayWriter()
        #expect(
            KeyGroupRangeAssignment.keyGroup(
                for: key, serializer: serializer, maxParallelism: 128, scratch: &scratch) == kg128)
        #expect(
            KeyGroupRangeAssignment.keyGroup(
                for: key, serializer: serializer, maxParallelism: 32768, scratch: &scratch) == kg32768)
        #expect(
            KeyGroupRangeAssignment.keyGroup(
                forSerializedKey: serializer.serialize(key), maxParallelism: 128) == kg128)
    }

    @Test func keyGroupsAreInRange() {
        var random = SeededGenerator(seed: 99)
        for _ in 0..<1000 {
            let key = random.bytes(maxLength: 16)
            for maxParallelism in [1, 7, 128, 32768] {
                let keyGroup = KeyGroupRangeAssignment.keyGroup(forSerializedKey: key, maxParallelism: maxParallelism)
                #expect(keyGroup >= 0 && keyGroup < maxParallelism)
            }
        }
    }
}
