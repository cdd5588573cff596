@testable import EddyMemory
import Testing

@Suite("CRC32C")
struct CRC32CTests {
    @Test("check value of \"123456789\"")
    func checkValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    @Test("published vectors (RFC 3720 B.4)")
    func rfc3720Vectors() {
        #expect(CRC32C.checksum([]) == 0)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).reversed().map { UInt8($0) }) == 0x113F_DB5C)
    }

    @Test("slicing-by-8 agrees with the bitwise definition at every length and alignment")
    func matchesBitwise() {
        var generator = SeededGenerator(seed: 7)
        let bytes = (0..<300).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        for start in 0..<9 {
            for end in stride(from: start, through: bytes.count, by: 7) {
                let slice = Array(bytes[start..<end])
                #expect(CRC32C.checksum(slice) == bitwiseCRC32C(slice))
            }
        }
    }

    @Test("the software path agrees with the bitwise definition whichever path is active")
    func softwarePathMatchesBitwise() {
        var generator = SeededGenerator(seed: 5)
        let bytes = (0..<300).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        for start in 0..<9 {
            for end in stride(from: start, through: bytes.count, by: 5) {
                let slice = Array(bytes[start..<end])
                let software = slice.withUnsafeBytes { CRC32C.advanceSoftware(0xFFFF_FFFF, over: $0) } ^ 0xFFFF_FFFF
                #expect(software == bitwiseCRC32C(slice))
            }
        }
    }

    @Test("incremental updates equal one pass")
    func incremental() {
        var generator = SeededGenerator(seed: 11)
        let bytes = (0..<1000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        for cut in [0, 1, 7, 8, 9, 500, 999, 1000] {
            var crc = CRC32C()
            crc.update(Array(bytes[..<cut]))
            bytes[cut...].withUnsafeBytes { crc.update($0) }
            #expect(crc.value == CRC32C.checksum(bytes))
        }
    }

    /// The definition, one bit at a time, as the reference.
    private func bitwiseCRC32C(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
