import EddyCore
import EddyMemory

/// HyperLogLog (Flajolet et al. 2007) with 2^p registers of 6 or 8 bits in segments of a
/// ``MemoryOwner``, fed 64-bit hashes: the register is the hash's top `p` bits, its value the rank
/// (leading zeros + 1) of the other `64 - p` bits, so no large-range correction is needed. The
/// estimate is Ertl's improved estimator ("New cardinality estimation algorithms for HyperLogLog
/// sketches", 2017), unbiased from zero up without HLL++'s empirical tables: it corrects the small
/// range as linear counting does, smoothly. Standard error ≈ 1.04 / √(2^p): 0.81 % at p = 14.
///
/// Registers are packed `registersPerSegment` to a segment (a power of two): 8-bit registers one per
/// byte, 6-bit ones four per three bytes. Union is the register-wise maximum.
///
/// Thread-safety: confined to one thread.
public final class HyperLogLog: MergeableSketch {
    public static let kind = "hll"
    public let precision: Int
    /// 6 or 8.
    public let registerBits: Int
    public let registerCount: Int
    @usableFromInline let registersPerSegmentShift: Int
    @usableFromInline let registerMask: Int
    @usableFromInline @exclusivity(unchecked) var segments: [MemorySegment]
    @usableFromInline @exclusivity(unchecked) var dirty: DirtyPageSet
    let owner: MemoryOwner

    /// - Parameters:
    ///   - precision: 4...18.
    ///   - registerBits: 6 (smaller snapshots, 25 % of a segment unused) or 8 (faster).
    /// - Throws: ``MemoryError`` when the owner cannot give the segments.
    public init(precision: Int, registerBits: Int = 8, memory: MemoryOwner) throws(MemoryError) {
        precondition((4...18).contains(precision), "HyperLogLog precision \(precision) outside 4...18")
        precondition(registerBits == 6 || registerBits == 8, "HyperLogLog registers have 6 or 8 bits, not \(registerBits)")
        self.precision = precision
        self.registerBits = registerBits
        registerCount = 1 << precision
        var perSegment = 1
        while perSegment * 2 * registerBits <= memory.segmentSize * 8 { perSegment *= 2 }
        let shift = min(perSegment.trailingZeroBitCount, precision)
        registersPerSegmentShift = shift
        registerMask = (1 << shift) - 1
        owner = memory
        segments = try memory.allocate(count: registerCount >> shift)
        for segment in segments { segment.fill(0) }
        dirty = DirtyPageSet(pageCount: segments.count, allDirty: true)
    }

    deinit { owner.release(segments) }

    public func releaseMemory() {
        owner.release(segments)
        segments = []
    }

    public var memoryBytes: Int { segments.count * owner.segmentSize }
    public var pageCount: Int { segments.count }
    /// Bytes of a segment the registers use.
    var usedBytesPerSegment: Int { ((registerMask + 1) * registerBits + 7) / 8 }

    /// Adds `key` (hashed with ``Murmur3/hash64(_:seed:)``).
    @inlinable
    public func insert(_ key: UInt64) { insert(hash: Murmur3.hash64(key)) }

    @inlinable
    public func insert(hash: UInt64) {
        let index = Int(truncatingIfNeeded: hash &>> UInt64(64 - precision))
        let rest = hash &<< UInt64(precision)
        let rank = UInt8(truncatingIfNeeded: min(rest.leadingZeroBitCount + 1, 65 - precision))
        if rank > register(index) { setRegister(index, rank) }
    }

    /// The value of register `index`.
    @inlinable
    public func register(_ index: Int) -> UInt8 {
        let segment = segments[index &>> registersPerSegmentShift]
        let local = index & registerMask
        if registerBits == 8 { return segment.getByte(at: local) }
        let bit = local &* 6
        return UInt8(truncatingIfNeeded: (segment.get(UInt16.self, at: bit &>> 3) &>> UInt16(bit & 7)) & 0x3F)
    }

    @inlinable
    func setRegister(_ index: Int, _ value: UInt8) {
        let page = index &>> registersPerSegmentShift
        let segment = segments[page]
        let local = index & registerMask
        dirty.insert(page)
        if registerBits == 8 { return segment.putByte(value, at: local) }
        let bit = local &* 6
        let shift = UInt16(bit & 7)
        let word = segment.get(UInt16.self, at: bit &>> 3)
        segment.put((word & ~(0x3F &<< shift)) | (UInt16(value) &<< shift), at: bit &>> 3)
    }

    /// Register-wise maximum with `other`.
    /// - Precondition: same precision and register width.
    public func formUnion(_ other: HyperLogLog) {
        precondition(precision == other.precision && registerBits == other.registerBits, "HyperLogLogs of different geometry")
        if registerBits == 8 {
            for page in segments.indices {
                let changed = Self.maxBytes(into: segments[page], from: other.segments[page], count: registerMask + 1)
                if changed { dirty.insert(page) }
            }
            return
        }
        for index in 0..<registerCount {
            let theirs = other.register(index)
            if theirs > register(index) { setRegister(index, theirs) }
        }
    }

    static func maxBytes(into target: MemorySegment, from source: MemorySegment, count: Int) -> Bool {
        source.withUnsafeBytes { from in
            target.withUnsafeMutableBytes { into in
                var changed: UInt8 = 0
                for i in 0..<count {
                    let a = into[i]
                    let b = from[i]
                    changed |= b > a ? 1 : 0
                    into[i] = max(a, b)
                }
                return changed != 0
            }
        }
    }

    public func removeAll() {
        for segment in segments { segment.fill(0) }
        dirty.resize(to: segments.count, allDirty: true)
    }
}
