/// The shape of a keyed state, recorded in snapshots so a restore can check it against the
/// descriptor registered later.
public enum StateKind: String, Sendable, Hashable, Codable {
    case value, list, map, reducing, aggregating
}
