import EddyCore

/// Describes an ``AggregatingState``: the accumulator is stored, inputs are added to it, `get()`
/// returns the function's result.
public struct AggregatingStateDescriptor<F: AggregateFunction, AS: Serializer>: Sendable
where AS.Value == F.Accumulator {
    public var name: String
    public var function: F
    public var accumulatorSerializer: AS
    public var ttl: StateTTLConfig?

    public init(name: String, function: F, accumulatorSerializer: AS, ttl: StateTTLConfig? = nil) {
        self.name = name
        self.function = function
        self.accumulatorSerializer = accumulatorSerializer
        self.ttl = ttl
    }
}
