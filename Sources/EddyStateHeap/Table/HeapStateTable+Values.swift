import EddyMemory
import EddyCore

extension HeapStateTable where C: SingleValueCodec {
    /// ``read(_:refresh:)`` for value state, with refreshes as the codec does them, remembering
    /// where the entry is (``lastFound``) for a write that follows.
    /// - Complexity: O(1), one table lookup (plus the TTL cleanup step for TTL states).
    @inlinable @inline(__always)
    func readValue(_ namespace: NS.Value) -> C.Entry? {
        let key = address(namespace)
        guard let ttl else {
            return withCurrentMap { map in
                guard let (bucket, value) = map.entries.lookup(key) else { return nil }
                lastFound = (key, bucket)
                return value
            }
        }
        return read(key, ttl: ttl) { C.refresh(&$0, to: $1) }
    }
}
