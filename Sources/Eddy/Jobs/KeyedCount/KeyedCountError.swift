/// A keyed-count job failure that is not an I/O or RocksDB error of its own.
public struct KeyedCountError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
