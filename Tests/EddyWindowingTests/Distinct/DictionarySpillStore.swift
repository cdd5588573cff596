import EddyState
import EddyWindowing

/// A spill store in a dictionary: what the counter's spill path needs, without a backend.
final class DictionarySpillStore: DistinctSpillStore {
    var slices: [UInt64: Int64] = [:]
    func lastSlice(of user: UInt64) throws -> Int64? { slices[user] }
    func setLastSlice(_ slice: Int64, of user: UInt64) throws { slices[user] = slice }
    func allUsers() throws -> [(user: UInt64, lastSlice: Int64)] { slices.map { ($0.key, $0.value) } }
    func dispose() {}
}
