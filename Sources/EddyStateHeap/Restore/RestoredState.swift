import EddyState

/// One canonical entry kept as bytes (slices of the restored file) until its state is registered.
struct RawStateEntry: Sendable {
    var key: ArraySlice<UInt8>
    var namespace: ArraySlice<UInt8>
    var mapKey: ArraySlice<UInt8>?
    var value: ArraySlice<UInt8>
}

/// A state read from snapshot files but not registered yet. Restore is lazy, as the serializers
/// come with the descriptor: registration decodes these entries into the state's tables. Until
/// then snapshots write them back as they are (they already are canonical bytes).
///
/// Thread-safety: immutable once restore returns; a value type, so snapshots share it freely.
struct RestoredState: KeyGroupSnapshotSource {
    var metaInfo: StateMetaInfo
    /// Entries by key-group index (relative to the backend's range).
    var entries: [[RawStateEntry]]
    /// The files the entries came from, for error messages.
    var files: Set<String> = []

    init(metaInfo: StateMetaInfo, keyGroupCount: Int) {
        self.metaInfo = metaInfo
        entries = Array(repeating: [], count: keyGroupCount)
    }

    func write(
        keyGroupIndex: Int, stateIndex: Int, cleanupAt now: Int64?, into file: inout KeyGroupStateFileWriter,
        scratch: inout EntryScratch
    ) {
        // No TTL cleanup: without the descriptor the timestamps of list and map values cannot be
        // told apart from their elements. Registration brings them under TTL again.
        for entry in entries[keyGroupIndex] {
            file.addEntry(
                stateIndex: stateIndex, key: entry.key, namespace: entry.namespace, mapKey: entry.mapKey,
                value: entry.value)
        }
    }

    func writeChanges(
        keyGroupIndex: Int, stateIndex: Int, into file: inout KeyGroupStateFileWriter, scratch: inout EntryScratch
    ) {
        // Unregistered states cannot change: their entries are in the files the chain already has.
    }
}
