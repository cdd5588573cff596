/// How an operator state is handed out when a job restores, possibly at another parallelism
/// (Flink's `OperatorStateHandle.Mode`).
public enum OperatorStateMode: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// A list; on restore the old subtasks' lists are concatenated and cut into contiguous, even
    /// chunks, one per new subtask (Flink's `SPLIT_DISTRIBUTE`).
    case split
    /// A list; on restore every subtask gets the union of all old lists (Flink's `UNION`). The
    /// union of big lists is a known out-of-memory trap: keep these small.
    case union
    /// A map, equal on every subtask; on restore every subtask gets one copy (Flink's `BROADCAST`).
    case broadcast

    public var description: String { rawValue }

    /// The byte stored in `.opstate` files: fixed here, never derived from the enum's layout.
    var fileCode: UInt8 {
        switch self {
        case .split: 0
        case .union: 1
        case .broadcast: 2
        }
    }

    init?(fileCode: UInt8) {
        switch fileCode {
        case 0: self = .split
        case 1: self = .union
        case 2: self = .broadcast
        default: return nil
        }
    }

    /// Whether the state is map-shaped (entries) rather than list-shaped (elements).
    var isMap: Bool { self == .broadcast }
}
