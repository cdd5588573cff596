import EddyCore
import EddyState

/// Everything one operator subtask wrote for one checkpoint, as stored in `_metadata`.
public struct OperatorSubtaskState: Codable, Sendable, Hashable {
    /// The keyed state backend's snapshot (none for operators without keyed state).
    public var keyedState: [KeyedStateHandle]
    /// Operator state (source positions, sink transactions), redistributed on rescale.
    public var operatorState: OperatorStateHandle?
    /// Key-grouped state the operator writes itself (timers, window tables, sketches).
    public var rawKeyedState: [RawKeyedStateHandle]
    /// In-flight buffers of an unaligned checkpoint, replayed into the inputs on restore.
    public var channelState: [StateFileHandle]

    public init(
        keyedState: [KeyedStateHandle] = [], operatorState: OperatorStateHandle? = nil,
        rawKeyedState: [RawKeyedStateHandle] = [], channelState: [StateFileHandle] = []
    ) {
        self.keyedState = keyedState
        self.operatorState = operatorState
        self.rawKeyedState = rawKeyedState
        self.channelState = channelState
    }

    /// Both parts together (an operator made of parts: a keyed backend, timers, a sink).
    public func merging(_ other: OperatorSubtaskState) -> OperatorSubtaskState {
        precondition(operatorState == nil || other.operatorState == nil, "two operator state handles for one subtask")
        return OperatorSubtaskState(
            keyedState: keyedState + other.keyedState, operatorState: operatorState ?? other.operatorState,
            rawKeyedState: rawKeyedState + other.rawKeyedState, channelState: channelState + other.channelState)
    }

    /// Every file referenced, for the shared-file registry and verification.
    public var allFiles: [StateFileHandle] {
        keyedState.flatMap(\.files) + (operatorState.map { [$0.file] } ?? []) + rawKeyedState.flatMap(\.files)
            + channelState
    }
}

/// Key-grouped state an operator wrote itself: files covering a key-group range. On restore, every
/// subtask gets the handles whose range overlaps its own and keeps the key groups it owns.
/// Files in `shared/` may be reused by later checkpoints (incremental window tables, sketches).
public struct RawKeyedStateHandle: Codable, Sendable, Hashable {
    /// Which part of the operator wrote it (`timers`, `window-slices`), so each part finds its own.
    public var name: String
    public var keyGroupStart: Int
    public var keyGroupEnd: Int
    public var files: [StateFileHandle]

    public init(name: String, keyGroupRange: KeyGroupRange, files: [StateFileHandle]) {
        self.name = name
        self.keyGroupStart = keyGroupRange.start
        self.keyGroupEnd = keyGroupRange.end
        self.files = files
    }

    public var keyGroupRange: KeyGroupRange { KeyGroupRange(start: keyGroupStart, end: keyGroupEnd) }
}
