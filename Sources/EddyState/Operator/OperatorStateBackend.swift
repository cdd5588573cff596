import EddyCore

/// Operator state of one subtask: non-keyed state that belongs to the subtask as a whole (Flink's
/// `OperatorStateBackend`), such as a source's offsets or a broadcast rule set. Held on the heap;
/// snapshots write one `.opstate` file per subtask.
///
/// Three shapes, told apart by how a restore hands them out (``OperatorStateMode``):
/// - ``listState(_:)``: split; the lists are redistributed in contiguous, even chunks on rescale.
/// - ``unionListState(_:)``: union; every subtask gets all elements of all subtasks.
/// - ``broadcastState(_:)``: a map equal on every subtask; every subtask gets one copy.
///
/// A restored backend keeps each state as bytes until a descriptor is registered for it, and only
/// then deserializes it with the descriptor's serializer.
///
/// Thread-safety: a backend and its handles are confined to the task thread (the snapshot is
/// synchronous and runs on that thread too).
public final class OperatorStateBackend {
    var registered: [String: any RegisteredOperatorState] = [:]
    /// Restored states not registered yet, as bytes.
    var restored: [String: SerializedOperatorState]

    /// An empty backend, for a subtask that starts without state.
    public init() {
        restored = [:]
    }

    init(restored: [String: SerializedOperatorState]) {
        self.restored = restored
    }

    /// The names of all states: registered, and restored but not registered yet. Sorted.
    public var stateNames: [String] { Set(registered.keys).union(restored.keys).sorted() }

    /// The names of the states registered so far. Sorted.
    public var registeredStateNames: [String] { registered.keys.sorted() }

    /// Registers (or returns) the state `name` in `mode`, building it from its restored bytes if any.
    /// - Throws: ``StateError`` `.incompatible` when the name is registered or was restored in
    ///   another mode or with other element types, or when the restored bytes do not deserialize.
    func register<State: RegisteredOperatorState>(
        name: String, mode: OperatorStateMode, make: (SerializedOperatorState?) throws -> State
    ) throws -> State {
        if let existing = registered[name] {
            guard existing.mode == mode, let state = existing as? State else {
                throw StateError(
                    .incompatible,
                    "operator state '\(name)' is registered as \(existing.mode) \(type(of: existing)), "
                        + "requested as \(mode) \(State.self)")
            }
            return state
        }
        let bytes = restored[name]
        if let bytes, bytes.mode != mode {
            throw StateError(.incompatible, "operator state '\(name)' was restored as \(bytes.mode), requested as \(mode)")
        }
        // Decoding may throw; the restored bytes stay until it succeeds, so a failed registration
        // changes nothing.
        let state = try make(bytes)
        restored[name] = nil
        registered[name] = state
        return state
    }
}
