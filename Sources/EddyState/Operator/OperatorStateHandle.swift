/// The description of one subtask's written operator state: its `.opstate` file and, per state,
/// the mode and how many elements (or map entries) it holds. Stored in checkpoint metadata; the
/// counts let a restore plan which files it needs before reading any.
public struct OperatorStateHandle: Codable, Sendable, Hashable {
    /// One state of the file.
    public struct StateInfo: Codable, Sendable, Hashable {
        public var name: String
        public var mode: OperatorStateMode
        /// List elements, or map entries for broadcast state.
        public var count: Int

        public init(name: String, mode: OperatorStateMode, count: Int) {
            self.name = name
            self.mode = mode
            self.count = count
        }
    }

    public var file: StateFileHandle
    /// The subtask that wrote it.
    public var subtaskIndex: Int
    /// The states in the file, in file order (by name).
    public var states: [StateInfo]

    public init(file: StateFileHandle, subtaskIndex: Int, states: [StateInfo]) {
        self.file = file
        self.subtaskIndex = subtaskIndex
        self.states = states
    }

    /// The state named `name`, if the file holds it.
    public func state(named name: String) -> StateInfo? { states.first { $0.name == name } }

    /// Elements (entries) per state name.
    public var elementCounts: [String: Int] {
        Dictionary(states.map { ($0.name, $0.count) }, uniquingKeysWith: +)
    }
}
