extension ProbingHashTable {
    /// A key and its value, side by side: the one cache line a lookup reads.
    @usableFromInline
    struct Slot {
        @usableFromInline var key: Key
        @usableFromInline var value: Value

        @inlinable
        init(key: Key, value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// The buffers of one table: occupancy bitmap, hashes and slots, with a power-of-two bucket
    /// count. Only buckets whose bit is set hold an initialized slot and hash.
    @usableFromInline
    final class Storage {
        /// `bucketCount - 1`.
        @usableFromInline let bucketMask: Int
        /// `64 - log2(bucketCount)`: a hash's home bucket is the top bits of its golden-ratio
        /// product (Fibonacci hashing), so weak low bits of the caller's hash do not cluster.
        @usableFromInline let shift: UInt64
        /// Inserting at this count grows the table first (a load of 3/4, as `Dictionary`).
        @usableFromInline let growthThreshold: Int
        @usableFromInline var count = 0
        @usableFromInline let words: UnsafeMutablePointer<UInt64>
        @usableFromInline let wordCount: Int
        @usableFromInline let hashes: UnsafeMutablePointer<UInt32>
        @usableFromInline let slots: UnsafeMutablePointer<Slot>

        /// The fewest buckets: one bitmap word's worth of probing at most, and no shift of 64.
        @usableFromInline static var minimumBucketCount: Int { 8 }

        @usableFromInline
        init(bucketCount: Int) {
            precondition(bucketCount >= Self.minimumBucketCount && bucketCount & (bucketCount - 1) == 0)
            bucketMask = bucketCount - 1
            shift = UInt64(64 - bucketCount.trailingZeroBitCount)
            growthThreshold = bucketCount / 4 * 3
            wordCount = (bucketCount + 63) / 64
            words = .allocate(capacity: wordCount)
            words.initialize(repeating: 0, count: wordCount)
            hashes = .allocate(capacity: bucketCount)
            slots = .allocate(capacity: bucketCount)
        }

        deinit {
            if !_isPOD(Slot.self) { forEachOccupied { (slots + $0).deinitialize(count: 1) } }
            words.deallocate()
            hashes.deallocate()
            slots.deallocate()
        }

        /// The power-of-two bucket count whose threshold admits `capacity` entries.
        @usableFromInline
        static func bucketCount(forCapacity capacity: Int) -> Int {
            var buckets = minimumBucketCount
            while buckets / 4 * 3 < capacity { buckets *= 2 }
            return buckets
        }

        @usableFromInline var bucketCount: Int { bucketMask + 1 }

        @inlinable @inline(__always)
        func homeBucket(_ hash: UInt32) -> Int {
            Int(truncatingIfNeeded: (UInt64(hash) &* 0x9E37_79B9_7F4A_7C15) &>> shift)
        }

        @inlinable @inline(__always)
        func isOccupied(_ bucket: Int) -> Bool {
            words[bucket &>> 6] & (1 &<< UInt64(truncatingIfNeeded: bucket & 63)) != 0
        }

        @inlinable @inline(__always)
        func setOccupied(_ bucket: Int) {
            words[bucket &>> 6] |= 1 &<< UInt64(truncatingIfNeeded: bucket & 63)
        }

        @inlinable @inline(__always)
        func clearOccupied(_ bucket: Int) {
            words[bucket &>> 6] &= ~(1 &<< UInt64(truncatingIfNeeded: bucket & 63))
        }

        /// Traps on a bucket outside the table or empty: a stale position would read an
        /// uninitialized slot.
        @inlinable @inline(__always)
        func checkOccupied(_ bucket: Int) {
            precondition(bucket >= 0 && bucket <= bucketMask && isOccupied(bucket), "ProbingHashTable: no entry in bucket \(bucket)")
        }

        /// Probes from `hash`'s home bucket to `key` or the first empty bucket.
        @inlinable @inline(__always)
        func find(_ key: Key, hash: UInt32) -> (bucket: Int, found: Bool) {
            var bucket = homeBucket(hash)
            while isOccupied(bucket) {
                if slots[bucket].key == key { return (bucket, true) }
                bucket = (bucket &+ 1) & bucketMask
            }
            return (bucket, false)
        }

        /// Calls `body` with every occupied bucket, in bucket order.
        @inlinable
        func forEachOccupied(_ body: (Int) throws -> Void) rethrows {
            for word in 0..<wordCount {
                var bits = words[word]
                while bits != 0 {
                    try body(word &<< 6 | bits.trailingZeroBitCount)
                    bits &= bits &- 1
                }
            }
        }

        /// The first occupied bucket at or after `bucket`, or `bucketCount`.
        @inlinable
        func occupiedBucket(from bucket: Int) -> Int {
            var word = bucket &>> 6
            guard word < wordCount else { return bucketCount }
            var bits = words[word] & (~0 &<< UInt64(bucket & 63))
            while bits == 0 {
                word += 1
                guard word < wordCount else { return bucketCount }
                bits = words[word]
            }
            return word &<< 6 | bits.trailingZeroBitCount
        }

        /// Fills the empty `bucket`.
        @inlinable @inline(__always)
        func initialize(_ bucket: Int, key: Key, value: Value, hash: UInt32) {
            (slots + bucket).initialize(to: Slot(key: key, value: value))
            hashes[bucket] = hash
            setOccupied(bucket)
            count += 1
        }

        /// A copy with the same buckets (copy-on-write).
        @usableFromInline
        func copy() -> Storage {
            let copy = Storage(bucketCount: bucketCount)
            copy.words.update(from: words, count: wordCount)
            copy.count = count
            if _isPOD(Slot.self) {
                // Empty buckets' bytes come along: harmless for trivial types, and one memcpy.
                UnsafeMutableRawPointer(copy.slots).copyMemory(from: slots, byteCount: bucketCount * MemoryLayout<Slot>.stride)
                UnsafeMutableRawPointer(copy.hashes).copyMemory(from: hashes, byteCount: bucketCount * MemoryLayout<UInt32>.stride)
            } else {
                forEachOccupied { bucket in
                    (copy.slots + bucket).initialize(to: slots[bucket])
                    copy.hashes[bucket] = hashes[bucket]
                }
            }
            return copy
        }

        /// A storage of `bucketCount` buckets with every entry, moved out of this one when
        /// `moving` (which is then left empty), copied otherwise.
        @usableFromInline
        func rehashed(bucketCount: Int, moving: Bool) -> Storage {
            let target = Storage(bucketCount: bucketCount)
            forEachOccupied { bucket in
                let hash = hashes[bucket]
                var destination = target.homeBucket(hash)
                while target.isOccupied(destination) { destination = (destination &+ 1) & target.bucketMask }
                if moving {
                    (target.slots + destination).moveInitialize(from: slots + bucket, count: 1)
                } else {
                    (target.slots + destination).initialize(to: slots[bucket])
                }
                target.hashes[destination] = hash
                target.setOccupied(destination)
            }
            target.count = count
            if moving {
                words.update(repeating: 0, count: wordCount)
                count = 0
            }
            return target
        }

        /// Empties `hole`, whose slot is already deinitialized or moved out, and shifts back the
        /// entries after it that probed past it (no tombstones, so lookups stay short).
        @usableFromInline
        func closeGap(at bucket: Int) {
            var hole = bucket
            var next = (hole &+ 1) & bucketMask
            while isOccupied(next) {
                let home = homeBucket(hashes[next])
                // The entry at `next` may fill the hole unless its home lies in (hole, next],
                // cyclically: then the hole is before where its probe starts.
                if (next &- home) & bucketMask >= (next &- hole) & bucketMask {
                    (slots + hole).moveInitialize(from: slots + next, count: 1)
                    hashes[hole] = hashes[next]
                    hole = next
                }
                next = (next &+ 1) & bucketMask
            }
            clearOccupied(hole)
            count -= 1
        }
    }
}
