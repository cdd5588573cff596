import EddyCore
@testable import EddyState

/// Builds key-group state files from plain entries and reads them back, for the round-trip and
/// corruption tests.
enum KeyGroupStateFileFixture {
    /// An entry with its key group, comparable after a round trip.
    struct Entry: Hashable {
        var keyGroup: Int
        var stateIndex: Int
        var key: [UInt8]
        var namespace: [UInt8]
        var mapKey: [UInt8]?
        var value: [UInt8]
    }

    static let states = [
        StateMetaInfo(name: "count", kind: .value, hasTTL: false),
        StateMetaInfo(name: "events", kind: .list, hasTTL: true),
        StateMetaInfo(name: "seen", kind: .map, hasTTL: false),
    ]

    /// Writes `entries` grouped by key group in the order given by `keyGroups` (which may name
    /// groups without entries: their blocks are written empty).
    static func write(_ entries: [Entry], keyGroups: [Int], maxParallelism: Int = 128) -> [UInt8] {
        var writer = KeyGroupStateFileWriter(states: states, maxParallelism: maxParallelism)
        for group in keyGroups {
            writer.beginKeyGroup(group)
            for entry in entries where entry.keyGroup == group {
                writer.addEntry(
                    stateIndex: entry.stateIndex, key: entry.key, namespace: entry.namespace,
                    mapKey: entry.mapKey, value: entry.value)
            }
        }
        return writer.finish()
    }

    /// Parses a file and every entry of every key group it holds.
    static func readAll(_ bytes: [UInt8], path: String) throws -> (reader: KeyGroupStateFileReader, entries: [Entry]) {
        let reader = try KeyGroupStateFileReader(bytes: bytes, path: path)
        var entries: [Entry] = []
        for group in reader.keyGroups {
            try reader.forEachEntry(inKeyGroup: group) { entry in
                entries.append(
                    Entry(
                        keyGroup: group, stateIndex: entry.stateIndex, key: Array(entry.key),
                        namespace: Array(entry.namespace), mapKey: entry.mapKey.map(Array.init),
                        value: Array(entry.value)))
            }
        }
        return (reader, entries)
    }

    /// A small file: three states, a map entry, an empty key group and an empty value.
    static let smallEntries: [Entry] = [
        Entry(keyGroup: 3, stateIndex: 0, key: [1, 2], namespace: [], mapKey: nil, value: [0, 0, 0, 7]),
        Entry(keyGroup: 3, stateIndex: 1, key: [1, 2], namespace: [9], mapKey: nil, value: Array(repeating: 0x41, count: 12)),
        Entry(keyGroup: 9, stateIndex: 2, key: [5], namespace: [], mapKey: [0x6B], value: [0x76, 0x77]),
        Entry(keyGroup: 9, stateIndex: 0, key: [6], namespace: [], mapKey: nil, value: []),
    ]
    static let smallKeyGroups = [3, 5, 9]

    /// Writes a file by hand: the header for ``states``, then `blocks` (each the bytes after the
    /// block's key group: entry count and entries), the index and the footer. For hostile inputs
    /// the writer cannot produce.
    static func raw(blocks: [(keyGroup: UInt32, body: [UInt8])], indexOffsetOverride: UInt64? = nil) -> [UInt8] {
        var bytes = Array(KeyGroupStateFileWriter(states: states, maxParallelism: 128).finish().prefix(headerLength))
        var index: [(UInt32, Int, Int)] = []
        for block in blocks {
            let start = bytes.count
            var writer = ByteArrayWriter()
            writer.writeInteger(block.keyGroup)
            writer.writeBytes(block.body)
            bytes += writer.bytes
            index.append((block.keyGroup, start, bytes.count - start))
        }
        var tail = ByteArrayWriter()
        let indexOffset = bytes.count
        for (group, offset, length) in index {
            tail.writeInteger(group)
            tail.writeInteger(UInt64(offset))
            tail.writeInteger(UInt64(length))
        }
        tail.writeInteger(UInt32(index.count))
        tail.writeInteger(indexOffsetOverride ?? UInt64(indexOffset))
        tail.writeBytes(Array("EDKE".utf8))
        return bytes + tail.bytes
    }

    /// Bytes of the header written for ``states``.
    static var headerLength: Int {
        let empty = KeyGroupStateFileWriter(states: states, maxParallelism: 128).finish()
        return empty.count - 16  // no blocks: the file is the header, an empty index and the footer
    }
}
