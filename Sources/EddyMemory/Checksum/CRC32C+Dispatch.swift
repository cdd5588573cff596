import CEddyCRC32C

extension CRC32C {
    /// Whether checksums use the CPU's CRC-32C instruction (SSE 4.2 on x86-64), decided once.
    public static let usesHardware = eddy_crc32c_hardware_available() != 0

    /// Advances the pre-inverted register over `bytes`: the CPU instruction where there is one,
    /// slicing-by-8 elsewhere. Both give identical results (tested).
    static func advance(_ register: UInt32, over bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return register }
        if usesHardware { return eddy_crc32c_hardware(register, base, bytes.count) }
        return advanceSoftware(register, over: bytes)
    }
}
