/// Creating iterators.
///
/// Thread-safety: iterators may be created from several threads at once; each belongs to one thread.
extension RocksDB {
    /// An iterator over `family` limited to `lowerBound..<upperBound` (either may be nil for no limit).
    /// It is not positioned yet: call ``RocksDBIterator/seekToFirst()`` or ``RocksDBIterator/seek(to:)``.
    public func makeIterator(
        in family: RocksDBColumnFamily, lowerBound: [UInt8]? = nil, upperBound: [UInt8]? = nil
    ) -> RocksDBIterator {
        RocksDBIterator(database: self, family: family, lowerBound: lowerBound, upperBound: upperBound)
    }

    /// An iterator over the keys of `family` that start with `prefix`: bounded by `prefix` and the
    /// smallest key greater than every key with that prefix. ``RocksDBIterator/seekToFirst()`` moves
    /// to the first of them.
    public func makeIterator(in family: RocksDBColumnFamily, prefix: some Collection<UInt8>) -> RocksDBIterator {
        let prefix = Array(prefix)
        return makeIterator(in: family, lowerBound: prefix, upperBound: Self.upperBound(forPrefix: prefix))
    }

    /// The smallest key greater than every key starting with `prefix` (drop trailing 0xFF bytes, then
    /// increment the last byte); nil when there is none (empty or all-0xFF prefix: no upper limit).
    public static func upperBound(forPrefix prefix: [UInt8]) -> [UInt8]? {
        var bound = prefix
        while let last = bound.last {
            if last != 0xFF {
                bound[bound.count - 1] = last + 1
                return bound
            }
            bound.removeLast()
        }
        return nil
    }
}
