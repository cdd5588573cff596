import EddyMemory

/// What the slicing operator needs of a binary hash table: `UInt64` keys, fixed-size values in
/// memory segments drawn from a budget, and a clear answer when the budget is used up.
///
/// `EddyMemory/HashTable` (built alongside) is meant to replace ``SegmentSliceTable`` behind this
/// protocol once it lands; until then the simple table here serves.
///
/// Thread-safety: one task thread.
public protocol SliceHashTable: AnyObject {
    /// Bytes of every value.
    var valueSize: Int { get }
    /// Keys stored.
    var count: Int { get }
    /// Segments held.
    var segmentCount: Int { get }
    /// Where `key`'s value is, if the key is stored.
    func find(_ key: UInt64) -> SliceSlot?
    /// Where `key`'s value is, inserting the key with zeroed value bytes if absent.
    /// - Returns: nil when the key is absent and there is no room left within the budget.
    func insert(_ key: UInt64) -> (slot: SliceSlot, inserted: Bool)?
    /// Every key with its value's place, in no particular order.
    func forEach(_ body: (UInt64, SliceSlot) throws -> Void) rethrows
    /// Gives every segment back; the table is empty afterwards.
    func release()
}

/// The place of one value: its segment and offset.
public struct SliceSlot {
    public let segment: MemorySegment
    public let offset: Int

    @inlinable
    public init(segment: MemorySegment, offset: Int) {
        self.segment = segment
        self.offset = offset
    }
}
