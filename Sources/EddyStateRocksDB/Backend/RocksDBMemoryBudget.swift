import EddyMemory

/// The memory a backend reserves from its `MemoryOwner` for RocksDB: a reservation covering
/// ``RocksDBBackendOptions/managedMemoryBytes``, taken at creation and held until `dispose()`.
/// RocksDB is configured to fit inside it (``RocksDBBackendOptions``) and allocates that memory
/// itself; the reservation takes budget, not memory (docs/decisions.md: an earlier version held
/// real segments, so the process paid the budget twice).
///
/// Thread-safety: confined to the backend's owner thread.
struct RocksDBMemoryBudget {
    private var reservation: MemoryReservation?

    /// - Throws: the owner's `MemoryError` when its budget cannot cover `bytes`.
    init(owner: MemoryOwner?, bytes: Int) throws {
        reservation = try owner?.reserve(bytes: bytes)
    }

    /// Bytes reserved.
    var reservedBytes: Int { reservation?.bytes ?? 0 }

    mutating func release() {
        reservation?.release()
        reservation = nil
    }
}
