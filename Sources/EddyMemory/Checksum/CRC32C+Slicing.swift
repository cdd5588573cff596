extension CRC32C {
    /// Advances the (pre-inverted) register over `bytes`, slicing-by-8.
    static func advanceSoftware(_ register: UInt32, over bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard var p = bytes.baseAddress, !bytes.isEmpty else { return register }
        var remaining = bytes.count
        var crc = register
        return crc32cTables.withUnsafeBufferPointer { tables in
            // Raw pointer arithmetic: the indices are masked to 0...255, so bounds checks would
            // only cost time (and dominate in debug builds).
            let t = tables.baseAddress!
            while remaining >= 8 {
                // Little-endian word: its low byte is the first input byte, as the reflected CRC wants.
                let word = UInt64(littleEndian: p.loadUnaligned(as: UInt64.self))
                let low = UInt32(truncatingIfNeeded: word) ^ crc
                let high = UInt32(truncatingIfNeeded: word &>> 32)
                // Split into two halves so the type checker stays fast and the CPU sees independent chains.
                let a = t[7 &* 256 &+ Int(low & 0xFF)] ^ t[6 &* 256 &+ Int((low &>> 8) & 0xFF)]
                    ^ t[5 &* 256 &+ Int((low &>> 16) & 0xFF)] ^ t[4 &* 256 &+ Int(low &>> 24)]
                let b = t[3 &* 256 &+ Int(high & 0xFF)] ^ t[2 &* 256 &+ Int((high &>> 8) & 0xFF)]
                    ^ t[1 &* 256 &+ Int((high &>> 16) & 0xFF)] ^ t[Int(high &>> 24)]
                crc = a ^ b
                p += 8
                remaining &-= 8
            }
            while remaining > 0 {
                let byte = UInt32(p.load(as: UInt8.self))
                crc = t[Int((crc ^ byte) & 0xFF)] ^ (crc &>> 8)
                p += 1
                remaining &-= 1
            }
            return crc
        }
    }
}

/// Eight 256-entry tables, flattened: table `k` gives the CRC contribution of a byte followed by
/// `k` zero bytes, which is what lets one step consume 8 bytes at once.
let crc32cTables: [UInt32] = {
    var tables = [UInt32](repeating: 0, count: 8 * 256)
    for i in 0..<256 {
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
        tables[i] = c
    }
    for k in 1..<8 {
        for i in 0..<256 {
            let previous = tables[(k - 1) * 256 + i]
            tables[k * 256 + i] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
        }
    }
    return tables
}()
