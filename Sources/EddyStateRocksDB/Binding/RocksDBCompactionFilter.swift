import CRocksDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a compaction filter does with one entry.
public enum RocksDBCompactionDecision {
    case keep
    /// Drop the entry (RocksDB writes no tombstone: older versions below are dropped with it only
    /// if this compaction reaches them, which is why Eddy's states write whole values).
    case remove
    /// Keep the key with these bytes as its value.
    case replace([UInt8])
}

/// One compaction's filter, made by a ``RocksDBCompactionFilterFactory`` per compaction job.
///
/// Thread-safety: RocksDB uses one filter from one background thread at a time, so an instance
/// may keep unsynchronised per-compaction state (a cached clock reading, a counter).
public protocol RocksDBCompactionFilter: AnyObject {
    func filter(level: Int, key: RocksDBSlice, value: RocksDBSlice) -> RocksDBCompactionDecision
}

/// Makes a filter for each compaction of the column families whose options carry it.
///
/// Thread-safety: ``makeFilter()`` is called from RocksDB's background threads, concurrently.
public protocol RocksDBCompactionFilterFactory: AnyObject, Sendable {
    func makeFilter() -> any RocksDBCompactionFilter
}

/// The C side of a factory: `rocksdb_compactionfilterfactory_create` with `@convention(c)`
/// callbacks that reach the Swift objects through the `state` pointer.
///
/// Ownership: we use a *factory* rather than `rocksdb_options_set_compaction_filter`, whose raw
/// filter RocksDB does not own and which must outlive the database (ROCKSDB-NOTES). The options
/// take the factory into a `shared_ptr`; its `state` is a retained ``FactoryBox`` released by the
/// destructor callback when RocksDB drops the factory (after the database closes). Each filter it
/// creates is owned by RocksDB (`unique_ptr`) and holds a retained ``FilterBox`` released likewise.
enum RocksDBCompactionFilterBridge {
    /// A new `rocksdb_compactionfilterfactory_t*` for one options object.
    static func makeFactory(_ factory: any RocksDBCompactionFilterFactory) -> OpaquePointer {
        let state = Unmanaged.passRetained(FactoryBox(factory)).toOpaque()
        return rocksdb_compactionfilterfactory_create(
            state,
            { state in Unmanaged<FactoryBox>.fromOpaque(state!).release() },
            { state, _ in
                let factory = Unmanaged<FactoryBox>.fromOpaque(state!).takeUnretainedValue().factory
                return RocksDBCompactionFilterBridge.makeFilter(factory.makeFilter())
            },
            { _ in UnsafePointer(compactionFilterName) })!
    }

    private static func makeFilter(_ filter: any RocksDBCompactionFilter) -> OpaquePointer {
        let state = Unmanaged.passRetained(FilterBox(filter)).toOpaque()
        return rocksdb_compactionfilter_create(
            state,
            { state in Unmanaged<FilterBox>.fromOpaque(state!).release() },
            { state, level, key, keyLength, value, valueLength, newValue, newValueLength, valueChanged in
                let box = Unmanaged<FilterBox>.fromOpaque(state!).takeUnretainedValue()
                let decision = box.filter.filter(
                    level: Int(level),
                    key: RocksDBSlice(UnsafeRawBufferPointer(start: key, count: keyLength)),
                    value: RocksDBSlice(UnsafeRawBufferPointer(start: value, count: valueLength)))
                switch decision {
                case .keep:
                    return 0
                case .remove:
                    return 1
                case .replace(let bytes):
                    // RocksDB copies `new_value` after the call and never frees it, so it points
                    // into a buffer the box owns until the next call.
                    let pointer = box.hold(bytes)
                    newValue!.pointee = pointer
                    newValueLength!.pointee = bytes.count
                    valueChanged!.pointee = 1
                    return 0
                }
            },
            { _ in UnsafePointer(compactionFilterName) })!
    }

    private final class FactoryBox {
        let factory: any RocksDBCompactionFilterFactory
        init(_ factory: any RocksDBCompactionFilterFactory) { self.factory = factory }
    }

    /// One filter and the buffer its replacement values are lent from.
    private final class FilterBox {
        let filter: any RocksDBCompactionFilter
        private var buffer = UnsafeMutablePointer<CChar>.allocate(capacity: 64)
        private var capacity = 64

        init(_ filter: any RocksDBCompactionFilter) { self.filter = filter }
        deinit { buffer.deallocate() }

        func hold(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar> {
            if bytes.count > capacity {
                buffer.deallocate()
                capacity = bytes.count
                buffer = .allocate(capacity: capacity)
            }
            bytes.withUnsafeBytes { raw in
                if let base = raw.baseAddress { buffer.update(from: base.assumingMemoryBound(to: CChar.self), count: raw.count) }
            }
            return buffer
        }
    }
}

nonisolated(unsafe) private let compactionFilterName: UnsafeMutablePointer<CChar> = strdup("EddyTTLCompactionFilter")!
