import EddyCore
import Testing

@Suite struct KeyHashWriterTests {
    static let prime: UInt64 = (1 << 61) - 1

    /// The polynomial over the little-endian 4-byte blocks, then the unfinished block and the
    /// length, at `point`, with exact arithmetic modulo 2^61 - 1.
    static func reference(_ bytes: [UInt8], point: UInt64) -> UInt64 {
        func mul(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let product = (a % prime).multipliedFullWidth(by: b % prime)
            return prime.dividingFullWidth((product.high, product.low)).remainder
        }
        var hash: UInt64 = 0
        var index = 0
        while index + 4 <= bytes.count {
            let block = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[index + $1]) << ($1 * 8) }
            hash = (mul(hash, point) + UInt64(block)) % prime
            index += 4
        }
        let tail = (0..<(bytes.count - index)).reduce(UInt32(0)) { $0 | UInt32(bytes[index + $1]) << ($1 * 8) }
        hash = (mul(hash, point) + UInt64(tail)) % prime
        return (mul(hash, point) + UInt64(bytes.count)) % prime
    }

    /// Mixed writes (bytes, integers on and off block boundaries, byte runs) hash as the bytes they
    /// serialize to: murmur as `Murmur3.hash32`, the table hash as the reference polynomial.
    @Test(arguments: 0..<40)
    func hashesTheWrittenBytes(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed))
        let point = random.next() % (Self.prime - 1) + 1
        var hasher = KeyHashWriter(point: point)
        var bytes = ByteArrayWriter()
        random.writeRandomly(to: &hasher, mirroredIn: &bytes)
        #expect(hasher.murmurHash == Murmur3.hash32(bytes.bytes))
        #expect(UInt64(hasher.tableHash) % Self.prime == Self.reference(bytes.bytes, point: point))
    }

    @Test func trailingZerosAndPointsChangeTheHash() {
        func hash(_ bytes: [UInt8], point: UInt64 = 12345) -> Int {
            var hasher = KeyHashWriter(point: point)
            hasher.writeBytes(bytes)
            return hasher.tableHash
        }
        #expect(hash([1, 2, 3]) != hash([1, 2, 3, 0]))
        #expect(hash([1, 2, 3, 4]) != hash([1, 2, 3, 4, 0, 0, 0, 0]))
        #expect(hash([]) != hash([0]))
        #expect(hash([1, 2, 3]) != hash([1, 2, 3], point: 54321))
    }

    @Test func randomPointsAreInRange() {
        for _ in 0..<100 {
            let point = KeyHashWriter.randomPoint()
            #expect(point > 0 && point < Self.prime)
        }
    }
}
