/// Assigns keys to key groups and key groups to operator instances, as Flink's
/// `KeyGroupRangeAssignment`.
///
/// A key's key group is fixed by the max parallelism alone; the parallelism only decides which
/// contiguous range of key groups each operator instance owns. Hence rescaling (changing the
/// parallelism) moves whole key groups, and changing the max parallelism invalidates state.
///
/// Unlike Flink, which hashes `Object.hashCode()`, Eddy hashes the key's serialized bytes with
/// ``Murmur3`` (seed 0): stable across processes, platforms and restarts.
public enum KeyGroupRangeAssignment {
    /// Max parallelism used when a job sets none; Flink's default lower bound.
    public static let defaultMaxParallelism = 128
    /// Largest supported max parallelism (Flink's `UPPER_BOUND_MAX_PARALLELISM`, 2^15).
    public static let upperBoundMaxParallelism = 1 << 15

    /// Key group of a key given its serialized bytes: `murmur3(bytes) % maxParallelism`, with the
    /// hash taken as unsigned so the result is never negative.
    @inlinable
    public static func keyGroup<C: Collection>(forSerializedKey bytes: C, maxParallelism: Int)
        -> Int
    where C.Element == UInt8 {
        checkMaxParallelism(maxParallelism)
        return Int(Murmur3.hash32(bytes, seed: 0) % UInt32(maxParallelism))
    }

    /// Key group of `key` serialized with `serializer`, hashing the bytes as they are written
    /// (``Murmur3Writer``): no buffer, no allocation, the fastest way when the bytes themselves
    /// are not needed.
    @inlinable
    public static func keyGroup<S: Serializer>(
        for key: S.Value, serializer: S, maxParallelism: Int
    ) -> Int {
        // Murmur3 over the serialized bytes, never Swift's per-process seeded Hasher.
        var murmur = Murmur3Writer(seed: 0)
        serializer.serialize(key, to: &murmur)
        return keyGroup(forHash: murmur.finalize(), maxParallelism: maxParallelism)
    }

    /// Key group of a key whose serialized bytes have murmur hash `hash` (``Murmur3/hash32(_:seed:)``
    /// with seed 0, or ``KeyHashWriter/murmurHash``), for callers that hash the key for more than
    /// its group.
    @inlinable
    public static func keyGroup(forHash hash: UInt32, maxParallelism: Int) -> Int {
        checkMaxParallelism(maxParallelism)
        let modulus = UInt32(maxParallelism)
        // The same remainder; a mask for powers of two (the default 128) instead of a division.
        return Int(modulus & (modulus - 1) == 0 ? hash & (modulus - 1) : hash % modulus)
    }

    /// Key group of `key`, serializing into `scratch` (reset first), for callers that need the
    /// key's bytes too (RocksDB keys); one buffer is reused for every record.
    @inlinable
    public static func keyGroup<S: Serializer>(
        for key: S.Value, serializer: S, maxParallelism: Int, scratch: inout ByteArrayWriter
    ) -> Int {
        scratch.reset()
        serializer.serialize(key, to: &scratch)
        return keyGroup(forSerializedKey: scratch.storage, maxParallelism: maxParallelism)
    }

    /// Key groups owned by operator instance `operatorIndex` of `parallelism` instances.
    /// The ranges of all instances partition `0..<maxParallelism` and differ in size by at most 1.
    @inlinable
    public static func range(forOperatorIndex operatorIndex: Int, parallelism: Int, maxParallelism: Int)
        -> KeyGroupRange
    {
        checkParallelism(parallelism, maxParallelism: maxParallelism)
        precondition(
            operatorIndex >= 0 && operatorIndex < parallelism,
            "operator index \(operatorIndex) is outside 0..<\(parallelism)")
        let start = (operatorIndex * maxParallelism + parallelism - 1) / parallelism
        let end = ((operatorIndex + 1) * maxParallelism - 1) / parallelism
        return KeyGroupRange(start: start, end: end)
    }

    /// Operator instance that owns `keyGroup`; the inverse of
    /// ``range(forOperatorIndex:parallelism:maxParallelism:)``.
    @inlinable
    public static func operatorIndex(forKeyGroup keyGroup: Int, parallelism: Int, maxParallelism: Int)
        -> Int
    {
        checkParallelism(parallelism, maxParallelism: maxParallelism)
        precondition(
            keyGroup >= 0 && keyGroup < maxParallelism,
            "key group \(keyGroup) is outside 0..<\(maxParallelism)")
        return keyGroup * parallelism / maxParallelism
    }

    @inlinable
    static func checkMaxParallelism(_ maxParallelism: Int) {
        precondition(
            maxParallelism >= 1 && maxParallelism <= upperBoundMaxParallelism,
            "max parallelism \(maxParallelism) is outside 1...\(upperBoundMaxParallelism)")
    }

    @inlinable
    static func checkParallelism(_ parallelism: Int, maxParallelism: Int) {
        checkMaxParallelism(maxParallelism)
        precondition(
            parallelism >= 1 && parallelism <= maxParallelism,
            "parallelism \(parallelism) is outside 1...\(maxParallelism)")
    }
}
