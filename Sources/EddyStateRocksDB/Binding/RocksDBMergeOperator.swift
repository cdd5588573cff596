import CRocksDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The merge operator Eddy's list states use: the merged value is the existing value followed by
/// every operand, byte for byte. List values are element records laid end to end
/// (``CanonicalStateFormat``), so appending an element is a blind `merge` with no read.
///
/// Ownership: RocksDB's options take the operator into a `shared_ptr` and call the destructor
/// callback when the last column family using it goes; the operator has no state, so the callback
/// does nothing. Each options object needs its own operator (two `shared_ptr`s made from one raw
/// pointer would free it twice).
///
/// Thread-safety: the callbacks are pure functions of their arguments; RocksDB calls them from
/// any thread.
enum RocksDBConcatenationMergeOperator {
    /// A new `rocksdb_mergeoperator_t*` to hand to ``RocksDBFamilyOptions``.
    static func make() -> OpaquePointer {
        rocksdb_mergeoperator_create(
            nil,
            { _ in },  // stateless; RocksDB calls the destructor unconditionally, so it must not be nil
            { _, _, _, existing, existingLength, operands, operandLengths, count, success, newLength in
                RocksDBConcatenationMergeOperator.concatenate(
                    existing: existing, existingLength: existingLength, operands: operands,
                    lengths: operandLengths, count: Int(count), success: success, newLength: newLength)
            },
            { _, _, _, operands, operandLengths, count, success, newLength in
                RocksDBConcatenationMergeOperator.concatenate(
                    existing: nil, existingLength: 0, operands: operands, lengths: operandLengths,
                    count: Int(count), success: success, newLength: newLength)
            },
            { _, value, _ in free(UnsafeMutableRawPointer(mutating: value)) },
            { _ in UnsafePointer(mergeOperatorName) })!
    }

    /// `existing ‖ operands[0] ‖ … ‖ operands[count-1]`, `malloc`'d: RocksDB copies the result and
    /// then hands it to the `delete_value` callback, which frees it.
    fileprivate static func concatenate(
        existing: UnsafePointer<CChar>?, existingLength: Int,
        operands: UnsafePointer<UnsafePointer<CChar>?>?, lengths: UnsafePointer<Int>?, count: Int,
        success: UnsafeMutablePointer<UInt8>?, newLength: UnsafeMutablePointer<Int>?
    ) -> UnsafeMutablePointer<CChar>? {
        var total = existing == nil ? 0 : existingLength
        for i in 0..<count { total += lengths![i] }
        // malloc(0) may return nil, which RocksDB would read as failure: always ask for a byte.
        guard let result = malloc(max(total, 1))?.assumingMemoryBound(to: CChar.self) else {
            success?.pointee = 0
            return nil
        }
        var offset = 0
        if let existing, existingLength > 0 {
            memcpy(result, existing, existingLength)
            offset = existingLength
        }
        for i in 0..<count where lengths![i] > 0 {
            memcpy(result + offset, operands![i]!, lengths![i])
            offset += lengths![i]
        }
        success?.pointee = 1
        newLength?.pointee = total
        return result
    }
}

/// The operator's name, recorded in the OPTIONS file; must stay the same across releases.
nonisolated(unsafe) private let mergeOperatorName: UnsafeMutablePointer<CChar> = strdup("EddyListConcatenation")!
