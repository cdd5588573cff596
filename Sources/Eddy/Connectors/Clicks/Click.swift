/// One click event: a user clicked an item at a point in event time.
///
/// The record type of the clicks connector (generator, CSV writer and reader). Plain integers so a
/// click is 24 bytes, trivially copyable, and arrays of clicks never touch the allocator per element.
public struct Click: Sendable, Hashable {
    /// Who clicked.
    public var userID: Int64
    /// What was clicked.
    public var itemID: Int64
    /// When, in milliseconds since the Unix epoch (event time, not processing time).
    public var timestampMillis: Int64

    @inlinable
    public init(userID: Int64, itemID: Int64, timestampMillis: Int64) {
        self.userID = userID
        self.itemID = itemID
        self.timestampMillis = timestampMillis
    }
}
