/// An operator state as bytes: read from an `.opstate` file and kept so until a descriptor is
/// registered for it (only then is a serializer known), and written back as is by snapshots taken
/// before that. Slices point into the file's bytes, so restoring copies nothing.
struct SerializedOperatorState {
    var name: String
    var mode: OperatorStateMode
    /// List elements (split and union), each one serializer output.
    var elements: [ArraySlice<UInt8>] = []
    /// Map entries (broadcast).
    var entries: [(key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)] = []

    /// Elements, or entries for broadcast state.
    var count: Int { mode.isMap ? entries.count : elements.count }

    /// Appends this state to a file being written.
    func write(to file: inout OperatorStateFileWriter) {
        file.beginState(name: name, mode: mode, count: count)
        if mode.isMap {
            for entry in entries { file.addEntry(key: entry.key, value: entry.value) }
        } else {
            for element in elements { file.addElement(element) }
        }
    }
}
