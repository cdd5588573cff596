/// What a snapshot records of each state, so a restore can check the descriptor registered later.
public struct StateMetaInfo: Sendable, Hashable, Codable {
    public var name: String
    public var kind: StateKind
    /// Whether values carry an 8-byte TTL timestamp.
    public var hasTTL: Bool

    public init(name: String, kind: StateKind, hasTTL: Bool) {
        self.name = name
        self.kind = kind
        self.hasTTL = hasTTL
    }
}
