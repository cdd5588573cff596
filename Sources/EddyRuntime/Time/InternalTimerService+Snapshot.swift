import EddyCore
import EddyMemory
import EddyState

/// Snapshots of timers: key-grouped raw state, as Flink writes its heap timers.
///
/// Layout (integers big-endian, varints LEB128):
/// ```
/// "EDTM" u8 version=1  u32 maxParallelism  varint nameLength, name UTF-8
/// varint blockCount, blocks in ascending key group, each:
///     u32 keyGroup, varint blockLength, then blockLength bytes:
///         varint eventTimerCount, timers; varint processingTimerCount, timers
///         timer: varint keyLength, key bytes, varint namespaceLength, namespace bytes, i64 time
/// u32 CRC-32C of every byte before it
/// ```
/// Timers within a block are in firing order, so equal times keep their order across a restore.
/// Block lengths let a restore skip the key groups it does not own without parsing them.
extension InternalTimerService {
    static var snapshotMagic: [UInt8] { Array("EDTM".utf8) }
    static var snapshotVersion: UInt8 { 1 }

    /// Writes every timer, grouped by key group.
    /// - Returns: a self-checking blob for ``restore(from:)``.
    /// - Complexity: O(n log n): each key group's timers are sorted into firing order.
    public func snapshot() -> [UInt8] { snapshotLater().write() }

    /// The timers as they are now, to be written later on any thread (a checkpoint's asynchronous
    /// part): O(1) on the task thread, which may go on registering and firing timers.
    public func snapshotLater() -> TimerSnapshot {
        let frozen = (event: eventTimers.frozen(), processing: processingTimers.frozen())
        let writeKey = self.writeKey, writeNamespace = self.writeNamespace
        let header = (name: name, maxParallelism: maxParallelism, range: keyGroupRange)
        return TimerSnapshot(UncheckedTimerWrite {
            var out = ByteArrayWriter(
                reservingCapacity: 64 + 32 * frozen.event.byKeyGroup.reduce(0) { $0 + $1.count })
            out.writeBytes(Self.snapshotMagic)
            out.writeByte(Self.snapshotVersion)
            out.writeInteger(UInt32(header.maxParallelism))
            let nameBytes = Array(header.name.utf8)
            out.writeVarInt(UInt64(nameBytes.count))
            out.writeBytes(nameBytes)

            var blocks: [(keyGroup: Int, bytes: [UInt8])] = []
            var block = ByteArrayWriter(reservingCapacity: 256)
            var scratch = ByteArrayWriter(reservingCapacity: 64)
            for keyGroup in header.range {
                let event = frozen.event.timers(inKeyGroup: keyGroup)
                let processing = frozen.processing.timers(inKeyGroup: keyGroup)
                guard !event.isEmpty || !processing.isEmpty else { continue }
                block.reset()
                for timers in [event, processing] {
                    block.writeVarInt(UInt64(timers.count))
                    for timer in timers {
                        scratch.reset()
                        writeKey(timer.key, &scratch)
                        block.writeVarInt(UInt64(scratch.count))
                        block.writeBytes(scratch.bytes)
                        scratch.reset()
                        writeNamespace(timer.namespace, &scratch)
                        block.writeVarInt(UInt64(scratch.count))
                        block.writeBytes(scratch.bytes)
                        block.writeInteger(timer.time)
                    }
                }
                blocks.append((keyGroup, block.bytes))
            }
            out.writeVarInt(UInt64(blocks.count))
            for (keyGroup, bytes) in blocks {
                out.writeInteger(UInt32(keyGroup))
                out.writeVarInt(UInt64(bytes.count))
                out.writeBytes(bytes)
            }
            out.writeInteger(CRC32C.checksum(out.bytes))
            return out.bytes
        })
    }

    /// Adds the timers of `snapshot` whose key groups this service owns and skips the others, so a
    /// rescaled subtask calls it once with each snapshot that may hold its key groups. Timers already
    /// registered stay; duplicates are kept once.
    ///
    /// All or nothing: the whole snapshot is checked and parsed before any timer is added.
    /// - Throws: ``StateError`` `.corruptSnapshot` when the checksum, structure or a key or namespace
    ///   does not parse (or a key is in another key group than its block says); `.incompatible` when
    ///   the snapshot has another max parallelism or service name.
    /// - Complexity: O(n log n) for n restored timers.
    public func restore(from snapshot: [UInt8]) throws {
        func corrupt(_ message: String, _ underlying: SerializationError? = nil) -> StateError {
            StateError(.corruptSnapshot, "timer snapshot of '\(name)': \(message)", underlying: underlying)
        }
        let minimumSize = Self.snapshotMagic.count + 1 + 4 + 1 + 1 + 4
        guard snapshot.count >= minimumSize else { throw corrupt("\(snapshot.count) bytes is too short") }
        let body = snapshot[..<(snapshot.count - 4)]
        var trailer = ByteArrayReader(snapshot[(snapshot.count - 4)...])
        let storedChecksum = try? trailer.readInteger(UInt32.self)
        guard storedChecksum == CRC32C.checksum(Array(body)) else { throw corrupt("checksum mismatch") }

        var event: [(TimerID<Key, Namespace>, Int)] = []
        var processing: [(TimerID<Key, Namespace>, Int)] = []
        var reader = ByteArrayReader(body)
        do {
            guard try reader.readBytes(count: 4) == Self.snapshotMagic else { throw corrupt("bad magic") }
            let version = try reader.readByte()
            guard version == Self.snapshotVersion else { throw corrupt("unknown version \(version)") }
            let storedMaxParallelism = Int(try reader.readInteger(UInt32.self))
            let storedName = try reader.readUTF8String(byteCount: try reader.readLength(what: "name length"))
            guard storedMaxParallelism == maxParallelism, storedName == name else {
                throw StateError(
                    .incompatible,
                    "timer snapshot of '\(storedName)' with max parallelism \(storedMaxParallelism) restored into "
                        + "'\(name)' with max parallelism \(maxParallelism)")
            }
            let blockCount = try reader.readLength(minimumElementSize: 5, what: "block count")
            var previousKeyGroup = -1
            for _ in 0..<blockCount {
                let keyGroup = Int(try reader.readInteger(UInt32.self))
                guard keyGroup > previousKeyGroup, keyGroup < maxParallelism else {
                    throw corrupt("key group \(keyGroup) out of order or beyond \(maxParallelism)")
                }
                previousKeyGroup = keyGroup
                let length = try reader.readLength(what: "block length")
                guard keyGroupRange.contains(keyGroup) else {
                    try reader.skip(length)
                    continue
                }
                let start = reader.position
                try readTimers(from: &reader, keyGroup: keyGroup, into: &event, corrupt)
                try readTimers(from: &reader, keyGroup: keyGroup, into: &processing, corrupt)
                guard reader.position - start == length else {
                    throw corrupt("block of key group \(keyGroup) is \(reader.position - start) bytes, not \(length)")
                }
            }
            guard reader.isAtEnd else { throw corrupt("\(reader.remainingBytes) bytes after the last block") }
        } catch let error as SerializationError {
            throw corrupt("at offset \(reader.position): \(error.message)", error)
        }
        for (id, keyGroup) in event { _ = eventTimers.add(id, keyGroup: keyGroup) }
        for (id, keyGroup) in processing { _ = processingTimers.add(id, keyGroup: keyGroup) }
    }

    private func readTimers(
        from reader: inout ByteArrayReader, keyGroup: Int, into timers: inout [(TimerID<Key, Namespace>, Int)],
        _ corrupt: (String, SerializationError?) -> StateError
    ) throws {
        // A timer takes at least 10 bytes: two one-byte lengths and the time.
        let count = try reader.readLength(minimumElementSize: 10, what: "timer count")
        for _ in 0..<count {
            let keyBytes = try reader.readBytes(count: try reader.readLength(what: "key length"))
            let actualGroup = KeyGroupRangeAssignment.keyGroup(
                forSerializedKey: keyBytes, maxParallelism: maxParallelism)
            guard actualGroup == keyGroup else {
                throw corrupt("a key of key group \(actualGroup) is stored in key group \(keyGroup)", nil)
            }
            let key = try Self.decodeExactly(keyBytes, with: readKey)
            let namespace = try Self.decodeExactly(
                try reader.readBytes(count: try reader.readLength(what: "namespace length")), with: readNamespace)
            let time = try reader.readInteger(Int64.self)
            timers.append((TimerID(key: key, namespace: namespace, time: time), keyGroup))
        }
    }

    /// Decodes a value that must span all of `bytes` (else it was written by another serializer).
    private static func decodeExactly<V>(
        _ bytes: [UInt8], with decode: (inout ByteArrayReader) throws(SerializationError) -> V
    ) throws(SerializationError) -> V {
        var reader = ByteArrayReader(bytes)
        let value = try decode(&reader)
        guard reader.isAtEnd else {
            throw SerializationError(.malformed, "\(reader.remainingBytes) bytes left after a \(V.self)")
        }
        return value
    }
}

/// Timers frozen by ``InternalTimerService/snapshotLater()``, written out by ``write()`` on any
/// thread, once or more.
public struct TimerSnapshot: Sendable {
    private let body: UncheckedTimerWrite

    init(_ body: UncheckedTimerWrite) { self.body = body }

    /// The snapshot's bytes, for ``InternalTimerService/restore(from:)``.
    public func write() -> [UInt8] { body.write() }
}

/// The write of a frozen timer snapshot. Unchecked Sendable: it reads only copy-on-write copies
/// of the timer dictionaries and the immutable fields of their nodes, and calls the key and
/// namespace serializers, which are pure functions of their values.
struct UncheckedTimerWrite: @unchecked Sendable {
    let write: () -> [UInt8]
    init(_ write: @escaping () -> [UInt8]) { self.write = write }
}
