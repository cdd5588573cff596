import EddyCore
import EddyMemory

/// The partial aggregates of one slice (or one pre-combined block of slices), by key bits.
///
/// Thread-safety: one task thread.
public protocol SlicePartials<Accumulator>: AnyObject {
    associatedtype Accumulator
    /// Keys stored.
    var count: Int { get }
    func get(_ key: UInt64) throws -> Accumulator?
    func contains(_ key: UInt64) -> Bool
    /// Stores `update(current partial)` for `key`.
    /// - Returns: false, storing nothing, when `key` is new and there is no room in the budget.
    func update(_ key: UInt64, _ update: (Accumulator?) throws -> Accumulator) throws -> Bool
    func forEach(_ body: (UInt64, Accumulator) throws -> Void) throws
    /// Gives back the memory; the partials are empty afterwards.
    func release()
}

/// Partials in a binary ``SliceHashTable`` (no object per key), for accumulators of a fixed size.
public final class BinarySlicePartials<Table: SliceHashTable, AS: Serializer>: SlicePartials {
    public typealias Accumulator = AS.Value
    @usableFromInline let table: Table
    @usableFromInline let serializer: AS

    /// - Precondition: `serializer` has a fixed size, the table's value size.
    public init(table: Table, serializer: AS) {
        precondition(serializer.fixedSize == table.valueSize, "slice table values are \(table.valueSize) bytes, the accumulator \(String(describing: serializer.fixedSize))")
        self.table = table
        self.serializer = serializer
    }

    public var count: Int { table.count }

    @inlinable @inline(__always)
    func read(_ slot: SliceSlot) throws -> AS.Value {
        var reader = SliceSlotReader(slot, valueSize: table.valueSize)
        return try serializer.deserialize(from: &reader)
    }

    @inlinable
    public func get(_ key: UInt64) throws -> AS.Value? { try table.find(key).map { try read($0) } }

    public func contains(_ key: UInt64) -> Bool { table.find(key) != nil }

    @inlinable @inline(__always)
    public func update(_ key: UInt64, _ update: (AS.Value?) throws -> AS.Value) throws -> Bool {
        guard let (slot, inserted) = table.insert(key) else { return false }
        let value = try update(inserted ? nil : try read(slot))
        var writer = SliceSlotWriter(slot)
        serializer.serialize(value, to: &writer)
        return true
    }

    @inlinable
    public func forEach(_ body: (UInt64, AS.Value) throws -> Void) throws {
        try table.forEach { key, slot in try body(key, try read(slot)) }
    }

    public func release() { table.release() }
}

/// Partials in a dictionary, for accumulators without a fixed binary size (lists, strings): one
/// Swift value per key, outside the memory budget.
public final class DictionarySlicePartials<Accumulator>: SlicePartials {
    var entries: [UInt64: Accumulator] = [:]

    public init() {}

    public var count: Int { entries.count }
    public func get(_ key: UInt64) throws -> Accumulator? { entries[key] }
    public func contains(_ key: UInt64) -> Bool { entries[key] != nil }

    public func update(_ key: UInt64, _ update: (Accumulator?) throws -> Accumulator) throws -> Bool {
        entries[key] = try update(entries[key])
        return true
    }

    public func forEach(_ body: (UInt64, Accumulator) throws -> Void) throws {
        for (key, value) in entries { try body(key, value) }
    }

    public func release() { entries = [:] }
}
