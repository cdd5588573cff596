/// The check every storage applies before a snapshot file is used: size and CRC-32C must match what
/// the handle recorded when the file was written.
enum SnapshotFileVerification {
    static func verify(size: Int, checksum: UInt32, against handle: StateFileHandle, path: String) throws {
        guard Int64(size) == handle.size else {
            throw StateError(
                .corruptSnapshot, "snapshot file has \(size) bytes, its handle recorded \(handle.size)", path: path)
        }
        guard checksum == handle.checksum else {
            throw StateError(
                .corruptSnapshot,
                "snapshot file checksum mismatch (CRC-32C \(hex(checksum)), recorded \(hex(handle.checksum)))",
                path: path)
        }
    }

    private static func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16, uppercase: true) }
}
