/// The exact UV algorithm with a plain Swift `Dictionary<UInt64, Int32>` for the last-seen slices
/// instead of the segment hash table (and arrays for the frontier buffer): the benchmark's baseline,
/// same results, the standard library's hashing and growth.
struct DictionaryUniqueVisitors {
    let size: Int64
    let slide: Int64
    var lastSlice: [UInt64: Int32] = [:]
    var users: [Int64]
    var records: [Int64]
    var userSum: Int64 = 0
    var recordSum: Int64 = 0
    var ahead: [(UInt64, Int64)] = []
    var frontier: Int64?
    var base: Int64 = 0
    var emitted: [(end: Int64, count: Int64)] = []

    init(windowMillis: Int64, slideMillis: Int64) {
        size = windowMillis / slideMillis
        slide = slideMillis
        users = [Int64](repeating: 0, count: Int(size) + 1)
        records = users
    }

    func slot(_ slice: Int64) -> Int { Int(slice % (size + 1)) }

    mutating func add(user: UInt64, timestamp: Int64) {
        let slice = timestamp / slide
        if let frontier, slice == frontier { return apply(user, slice) }
        if let frontier, slice < frontier { return }
        ahead.append((user, slice))
    }

    mutating func apply(_ user: UInt64, _ slice: Int64) {
        records[slot(slice)] += 1
        recordSum += 1
        let offset = Int32(slice - base)
        if let old = lastSlice.updateValue(offset, forKey: user) {
            let oldSlice = Int64(old) + base
            if oldSlice > slice - size {
                users[slot(oldSlice)] -= 1
            } else {
                userSum += 1
            }
        } else {
            userSum += 1
        }
        users[slot(slice)] += 1
    }

    mutating func advance(watermark: Int64) {
        let target = watermark == Int64.max ? Int64.max : (watermark + 1) / slide
        if frontier == nil {
            guard let first = ahead.map(\.1).min() else { return }
            frontier = first
            base = first
        }
        while frontier! < target {
            let slice = frontier!
            drain(slice)
            if recordSum > 0 { emitted.append(((slice + 1) * slide, userSum)) }
            let oldest = slot(slice - size + 1)
            userSum -= users[oldest]
            recordSum -= records[oldest]
            users[oldest] = 0
            records[oldest] = 0
            frontier = recordSum == 0 ? min(ahead.map(\.1).min() ?? target, target) : slice + 1
            if frontier! < slice + 1 { frontier = slice + 1 }
        }
        if frontier! != Int64.max { drain(frontier!) }
        if lastSlice.count > 4 * Int(userSum) + 1_000_000 {
            let oldest = frontier! - size + 1 - base
            lastSlice = lastSlice.filter { Int64($0.value) >= oldest }
        }
    }

    mutating func drain(_ slice: Int64) {
        guard ahead.contains(where: { $0.1 <= slice }) else { return }
        var keep: [(UInt64, Int64)] = []
        for (user, at) in ahead { if at <= slice { apply(user, slice) } else { keep.append((user, at)) } }
        ahead = keep
    }
}
