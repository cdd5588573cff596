import EddyState

/// The delta files of one key group, folded into the entries that replace the base's: for each
/// (state, key bytes, namespace bytes) a delta mentions, the newest delta's entries (several for a
/// map state, none after a tombstone) replace whatever the base and older deltas held.
///
/// Entries are matched by their serialized key and namespace, which are canonical (the same value
/// always serializes to the same bytes) and self-delimiting when concatenated.
///
/// Thread-safety: used by one restore.
struct DeltaApplication {
    /// The serialized (key, namespace) of an entry; slices of the restored files (no copies).
    /// Hashed in memory only, never persisted.
    struct Identity: Hashable {
        var key: ArraySlice<UInt8>
        var namespace: ArraySlice<UInt8>
    }

    /// By state name: the latest entries of every identity the deltas mention.
    private var replacements: [String: [Identity: [RawStateEntry]]] = [:]

    /// Folds in the next delta file (they must come oldest first).
    /// - Throws: ``StateError`` (`.corruptSnapshot`) from the reader, naming the file.
    mutating func add(_ reader: KeyGroupStateFileReader, keyGroup: Int, names: [String]) throws {
        // Identities this file has mentioned: its first entry for one replaces older deltas' entries,
        // the following ones (more map keys) add to it.
        var seen: [String: Set<Identity>] = [:]
        try reader.forEachChange(inKeyGroup: keyGroup) { entry in
            let name = names[entry.stateIndex]
            let identity = Identity(key: entry.key, namespace: entry.namespace)
            if seen[name, default: []].insert(identity).inserted { replacements[name, default: [:]][identity] = [] }
            if !entry.isTombstone {
                replacements[name]![identity]!.append(
                    RawStateEntry(key: entry.key, namespace: entry.namespace, mapKey: entry.mapKey, value: entry.value))
            }
        }
    }

    /// Replaces the mentioned entries of key group index `index` in `states`.
    /// - Complexity: O(entries of the group in the states the deltas mention).
    func apply(keyGroupIndex index: Int, to states: inout [String: RestoredState]) {
        for (name, replaced) in replacements where !replaced.isEmpty {
            // `add` only sees state names its file's header merged into `states`.
            var entries = states[name]!.entries[index].filter {
                replaced[Identity(key: $0.key, namespace: $0.namespace)] == nil
            }
            for latest in replaced.values { entries += latest }
            states[name]!.entries[index] = entries
        }
    }
}
