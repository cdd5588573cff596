import EddyCore
import EddyStateRocksDB

/// The bare store a state backend is compared with in `eddy bench state`: the same value-state
/// operations with no state layer in between.
protocol StateBaseline {
    var name: String { get }
    mutating func put(_ key: Int64, _ value: Int64)
    mutating func get(_ key: Int64) -> Int64?
    /// Adds one to the value under `key` (0 if absent) as the store does it best.
    mutating func increment(_ key: Int64)
    /// Waits for background work (a no-op for memory).
    mutating func settle()
}

/// A Swift Dictionary: the heap backends' baseline.
struct DictionaryStateBaseline: StateBaseline {
    var dictionary: [Int64: Int64] = [:]
    var name: String { "Swift Dictionary" }

    init(capacity: Int) { dictionary.reserveCapacity(capacity) }

    mutating func put(_ key: Int64, _ value: Int64) { dictionary[key] = value }
    func get(_ key: Int64) -> Int64? { dictionary[key] }
    /// One hash lookup (`subscript(_:default:)` modifies in place): the best a Dictionary can do.
    mutating func increment(_ key: Int64) { dictionary[key, default: 0] &+= 1 }
    func settle() {}
}

/// RocksDB's C API under the backend's key layout and options: the rocksdb backend's baseline.
struct RawRocksDBStateBaseline: StateBaseline {
    let raw: RawRocksDBBaseline
    var name: String { "raw RocksDB C API" }

    func put(_ key: Int64, _ value: Int64) { raw.put(key, value) }
    func get(_ key: Int64) -> Int64? { raw.get(key) }
    /// A get and a put, as with any key-value store without a merge for this.
    func increment(_ key: Int64) { raw.put(key, (raw.get(key) ?? 0) &+ 1) }
    func settle() { raw.flushAndWaitForCompactions() }
}
