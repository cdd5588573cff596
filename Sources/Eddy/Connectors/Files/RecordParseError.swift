/// Why one line could not be turned into a record. The reason names the field, so the dead letter
/// it becomes says what to fix: "field 2 (item_id): not an integer: 'abc'".
public struct RecordParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) { self.reason = reason }

    public var description: String { reason }
}
