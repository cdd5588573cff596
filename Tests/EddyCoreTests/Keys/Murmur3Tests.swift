import EddyCore
import Testing

@Suite struct Murmur3Tests {
    /// Published MurmurHash3_x86_32 vectors (SMHasher and common reference ports).
    @Test(arguments: [
        ("", UInt32(0), UInt32(0)),
        ("", 1, 0x514E_28B7),
        ("", 0xFFFF_FFFF, 0x81F1_6F39),
        ("hello", 0, 0x248B_FA47),
        ("hello, world", 0, 0x149B_BB7F),
        ("The quick brown fox jumps over the lazy dog", 0, 0x2E4F_F723),
        ("a", 0, 0x3C25_69B2),
        ("ab", 0, 0x9BBF_D75F),
        ("abc", 0, 0xB3DD_93FA),
        ("abcd", 0, 0x43ED_676A),
    ])
    func publishedVectors(input: String, seed: UInt32, expected: UInt32) {
        #expect(Murmur3.hash32(Array(input.utf8), seed: seed) == expected)
    }

    @Test func bytesVectors() {
        #expect(Murmur3.hash32([0, 0, 0, 0], seed: 0) == 0x2362_F9DE)
        #expect(Murmur3.hash32([0x21, 0x43, 0x65, 0x87], seed: 0) == 0xF55B_516B)
        #expect(Murmur3.hash32([0x21, 0x43, 0x65, 0x87], seed: 0x5082_EDEE) == 0x2362_F9DE)
    }

    /// The streaming writer hashes exactly the bytes a ByteArrayWriter would hold, whatever mix of
    /// bytes, integers (aligned to a block or not) and byte runs writes them.
    @Test(arguments: 0..<40)
    func writerMatchesHashOfWrittenBytes(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed))
        var hasher = Murmur3Writer(seed: UInt32(seed))
        var bytes = ByteArrayWriter()
        random.writeRandomly(to: &hasher, mirroredIn: &bytes)
        #expect(hasher.finalize() == Murmur3.hash32(bytes.bytes, seed: UInt32(seed)))
    }

    @Test func nonContiguousCollectionsMatchArrays() {
        let text = "The quick brown fox"
        let bytes = Array(text.utf8)
        #expect(Murmur3.hash32(text.utf8) == Murmur3.hash32(bytes))
        #expect(Murmur3.hash32(bytes[4...]) == Murmur3.hash32(Array(bytes[4...])))
        #expect(Murmur3.hash32(bytes.reversed().reversed()) == Murmur3.hash32(bytes))
    }
}
