import EddyCore
import EddyState

/// Copies the entries of a restored database whose key group lies in a range into another
/// database (rescaling; Flink's `RocksDBIncrementalRestoreOperation` with temporary instances).
/// Keys start with the key group, so each state is one bounded iteration.
enum RocksDBRangeCopy {
    /// Entries per write batch: large enough to amortise the write, small enough to bound memory.
    static let batchSize = 4096

    static func copy(
        from source: RocksDB, states sourceStates: [String: RocksDBRegisteredState], range: KeyGroupRange,
        into target: RocksDB, catalog: RocksDBStateCatalog, states: inout [String: RocksDBRegisteredState]
    ) throws {
        guard !range.isEmpty else { return }
        let lower = RocksDBKeyLayout.keyGroupPrefix(range.start)
        let upper: [UInt8]? = range.end + 1 <= 0xFFFF ? RocksDBKeyLayout.keyGroupPrefix(range.end + 1) : nil
        for state in sourceStates.values.sorted(by: { $0.meta.name < $1.meta.name }) {
            let targetState = try catalog.ensure(state.meta, in: target, states: &states)
            let iterator = source.makeIterator(in: state.family, lowerBound: lower, upperBound: upper)
            defer { iterator.close() }
            let batch = RocksDBWriteBatch()
            iterator.seekToFirst()
            while iterator.isValid {
                iterator.withKey { key in iterator.withValue { value in batch.put(key, value, in: targetState.family) } }
                if batch.count >= batchSize {
                    try target.write(batch)
                    batch.clear()
                }
                iterator.next()
            }
            try iterator.checkError()
            if batch.count > 0 { try target.write(batch) }
        }
    }
}
