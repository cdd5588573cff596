import EddyCore
import Testing
@testable import EddyMemory

/// Checks ``ProbingHashTable`` against `Dictionary` on random operations, with hashes that collide
/// on purpose (so probes, wrap-around and backward shifts all happen), non-trivial keys and values
/// (so moves and deinitialization are exercised), and copies taken in between (copy-on-write).
@Suite struct ProbingHashTableTests {
    /// A hash with only `bits` significant bits: many keys share a home bucket.
    static func weakHash(_ key: Int, bits: Int) -> UInt32 { UInt32(truncatingIfNeeded: UInt64(key) & ((1 << UInt64(bits)) - 1)) }

    /// A seeded generator, so a failure replays (SplitMix64's step).
    struct Random {
        var state: UInt64
        mutating func nextInt(below bound: UInt64) -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return (z ^ (z >> 31)) % bound
        }
    }

    static func contents<V>(_ table: ProbingHashTable<Int, V>) -> [Int: V] {
        var result: [Int: V] = [:]
        for entry in table { result[entry.key] = entry.value }
        return result
    }

    @Test(arguments: [3, 32])
    func randomOperationsMatchADictionary(hashBits: Int) {
        var random = Random(state: UInt64(hashBits))
        var table = ProbingHashTable<Int, String>()
        var expected: [Int: String] = [:]
        var copies: [(ProbingHashTable<Int, String>, [Int: String])] = []
        for step in 0..<20_000 {
            let key = Int(random.nextInt(below: 600))
            let hash = Self.weakHash(key, bits: hashBits)
            switch random.nextInt(below: 7) {
            case 0:
                table[key, hash: hash] = "v\(step)"
                expected[key] = "v\(step)"
            case 1:
                #expect(table.removeValue(forKey: key, hash: hash) == expected.removeValue(forKey: key))
            case 2:
                table[key, hash: hash, default: ""] += "a"
                expected[key, default: ""] += "a"
            case 3:
                // Optional in-place mutation: appends to a present value, removes with nil.
                if step % 2 == 0 {
                    table[key, hash: hash]?.append("b")
                    expected[key]?.append("b")
                } else {
                    table[key, hash: hash] = nil
                    expected[key] = nil
                }
            case 4:
                if let bucket = table.bucket(of: key, hash: hash) {
                    #expect(table.key(at: bucket) == key)
                    #expect(table.hash(at: bucket) == hash)
                    table[valueAt: bucket] = "w\(step)"
                    expected[key] = "w\(step)"
                } else {
                    #expect(expected[key] == nil)
                }
            case 5:
                #expect(table[key, hash: hash] == expected[key])
            default:
                if step % 500 == 5 { copies.append((table, expected)) }
                table.updateValue("u\(step)", forKey: key, hash: hash)
                expected[key] = "u\(step)"
            }
            #expect(table.count == expected.count)
        }
        #expect(Self.contents(table) == expected)
        // Every copy still holds what it held when taken, though the original went on changing.
        for (copy, contents) in copies { #expect(Self.contents(copy) == contents) }
    }

    @Test func growsAndKeepsEveryEntry() {
        var table = ProbingHashTable<Int, Int>()
        let start = table.capacity
        for key in 0..<100_000 { table[key, hash: UInt32(truncatingIfNeeded: key &* 2_654_435_761)] = key * 2 }
        #expect(table.capacity > start)
        #expect(table.count == 100_000)
        for key in stride(from: 0, to: 100_000, by: 7) {
            #expect(table[key, hash: UInt32(truncatingIfNeeded: key &* 2_654_435_761)] == key * 2)
        }
        #expect(table[100_001, hash: 5] == nil)
    }

    @Test func removingEverythingLeavesAnEmptyTableThatStillWorks() {
        var table = ProbingHashTable<Int, [Int]>(minimumCapacity: 1000)
        for key in 0..<1000 { table[key, hash: Self.weakHash(key, bits: 4), default: []].append(key) }
        for key in (0..<1000).reversed() { #expect(table.removeValue(forKey: key, hash: Self.weakHash(key, bits: 4)) == [key]) }
        #expect(table.isEmpty)
        #expect(Array(table).isEmpty)
        table[7, hash: 7] = [1]
        #expect(table[7, hash: 7] == [1])
        table.removeAll()
        #expect(table.isEmpty && table[7, hash: 7] == nil)
    }

    @Test func aCopyKeepsBucketPositions() {
        var table = ProbingHashTable<Int, Int>()
        for key in 0..<100 { table[key, hash: UInt32(key)] = key }
        let bucket = table.bucket(of: 42, hash: 42)!
        let snapshot = table
        table[valueAt: bucket] = -1
        #expect(table[42, hash: 42] == -1)
        #expect(snapshot[42, hash: 42] == 42)
    }

    /// Entries are released once: by removal, overwrite or the table's end (class values count
    /// their live instances).
    @Test func releasesEveryValue() {
        final class Tracked {
            nonisolated(unsafe) static var live = 0
            init() { Self.live += 1 }
            deinit { Self.live -= 1 }
        }
        do {
            var table = ProbingHashTable<Int, Tracked>()
            for key in 0..<5000 { table[key, hash: Self.weakHash(key, bits: 6)] = Tracked() }
            let copy = table
            for key in 0..<2500 { table[key, hash: Self.weakHash(key, bits: 6)] = nil }
            for key in 2500..<3000 { table[key, hash: Self.weakHash(key, bits: 6)] = Tracked() }
            #expect(copy.count == 5000 && table.count == 2500)
        }
        #expect(Tracked.live == 0)
    }
}
