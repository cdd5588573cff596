import EddyCore
import EddyState
@testable import EddyRuntime

/// A fired timer, for comparisons.
struct FiredTimer: Hashable, CustomStringConvertible {
    var key: String
    var namespace: Int64
    var time: Int64
    var description: String { "\(key)/\(namespace)@\(time)" }
}

typealias TestTimerService = InternalTimerService<String, Int64>

func makeTimerService(
    range: KeyGroupRange = KeyGroupRange(start: 0, end: 127), maxParallelism: Int = 128, name: String = "user-timers"
) -> TestTimerService {
    InternalTimerService(
        name: name, keySerializer: StringSerializer(), namespaceSerializer: IntegerSerializer<Int64>(),
        keyGroupRange: range, maxParallelism: maxParallelism)
}

func keyGroup(of key: String, maxParallelism: Int = 128) -> Int {
    KeyGroupRangeAssignment.keyGroup(for: key, serializer: StringSerializer(), maxParallelism: maxParallelism)
}

extension InternalTimerService where Key == String, Namespace == Int64 {
    /// Fires every event-time and processing-time timer and returns them, event time first.
    func drain() -> (event: [FiredTimer], processing: [FiredTimer]) {
        var event: [FiredTimer] = []
        var processing: [FiredTimer] = []
        advanceWatermark(to: Int64.max) { event.append(FiredTimer(key: $0, namespace: $1, time: $2)) }
        advanceProcessingTime(to: Int64.max) { processing.append(FiredTimer(key: $0, namespace: $1, time: $2)) }
        return (event, processing)
    }
}

/// SplitMix64, so randomized tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
