import EddyCore
import EddyWindowing

/// One element of a test stream: a record or a watermark.
enum StreamEvent {
    case record(user: UInt64, timestamp: Int64)
    case watermark(Int64)
}

/// Random disordered streams and the brute-force answer: per window a set of users, filled by
/// records that arrive before the window fired; a record is late when the window ending with its
/// slice has fired.
enum DistinctStreamModel {
    /// Records with timestamps moving forward by `step` on average, each delayed by up to
    /// `maxDelay`, a watermark of `max seen - maxDelay` every `watermarkEvery` records, and a few
    /// records delayed far more (late).
    static func stream(
        records: Int, users: UInt64, maxDelay: Int64, step: Int64 = 1, watermarkEvery: Int = 50, lateEvery: Int = 97,
        start: Int64 = 1_000_000, seed: UInt64
    ) -> [StreamEvent] {
        var random = SeededRandom(seed: seed)
        var events: [StreamEvent] = []
        var now = start
        var maxSeen = Int64.min
        for index in 0..<records {
            now += Int64(random.next() % UInt64(2 * step + 1))
            var timestamp = now - Int64(random.next() % UInt64(maxDelay + 1))
            if index % lateEvery == lateEvery - 1 { timestamp -= 5 * maxDelay }
            maxSeen = max(maxSeen, timestamp)
            events.append(.record(user: random.next() % users, timestamp: timestamp))
            if index % watermarkEvery == watermarkEvery - 1 { events.append(.watermark(maxSeen - maxDelay)) }
        }
        events.append(.watermark(Int64.max))
        return events
    }

    /// The results a correct exact counter emits, in order, and the number of late records.
    static func expected(_ events: [StreamEvent], windows: SliceWindows) -> (results: [DistinctCountResult], late: Int) {
        var open: [Int64: Set<UInt64>] = [:]
        var firstUnfired = Int64.min
        var results: [DistinctCountResult] = []
        var late = 0
        for event in events {
            switch event {
            case .record(let user, let timestamp):
                let slice = windows.slice(of: timestamp)
                guard slice >= firstUnfired else {
                    late += 1
                    continue
                }
                for last in slice..<(slice + windows.slicesPerWindow) { open[last, default: []].insert(user) }
            case .watermark(let watermark):
                let target = windows.firstUnfiredSlice(atWatermark: watermark)
                guard target > firstUnfired else { continue }
                firstUnfired = target
                for last in open.keys.sorted() where last < target {
                    results.append(DistinctCountResult(
                        start: windows.windowStart(lastSlice: last), end: windows.windowEnd(lastSlice: last),
                        count: Int64(open.removeValue(forKey: last)!.count)))
                }
            }
        }
        return (results, late)
    }
}

/// SplitMix64, so failures reproduce.
struct SeededRandom {
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
