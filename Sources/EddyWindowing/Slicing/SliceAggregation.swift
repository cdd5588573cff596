import EddyState

/// What the slicing operator computes per key and slice: elements are added to a partial
/// aggregate (the accumulator), partials of slices merge into a window's, and a window's merged
/// partial gives the result. Slices merge in time order.
public protocol SliceAggregation<Input, Accumulator, Output> {
    associatedtype Input
    associatedtype Accumulator
    associatedtype Output
    /// `accumulator` is nil for a key's first element in a slice.
    func add(_ value: Input, to accumulator: Accumulator?) throws -> Accumulator
    /// `a` is of earlier slices than `b`.
    func merge(_ a: Accumulator, _ b: Accumulator) throws -> Accumulator
    func result(of accumulator: Accumulator) throws -> Output
}

/// A reduce function: the accumulator is the reduced element.
public struct ReduceSliceAggregation<Value>: SliceAggregation {
    public let reduce: (Value, Value) throws -> Value
    public init(_ reduce: @escaping (Value, Value) throws -> Value) { self.reduce = reduce }
    @inline(__always)
    public func add(_ value: Value, to accumulator: Value?) throws -> Value { try accumulator.map { try reduce($0, value) } ?? value }
    @inline(__always)
    public func merge(_ a: Value, _ b: Value) throws -> Value { try reduce(a, b) }
    @inline(__always)
    public func result(of accumulator: Value) throws -> Value { accumulator }
}

/// An ``AggregateFunction``.
public struct AggregateSliceAggregation<F: AggregateFunction>: SliceAggregation {
    public let function: F
    public init(_ function: F) { self.function = function }
    @inline(__always)
    public func add(_ value: F.Input, to accumulator: F.Accumulator?) throws -> F.Accumulator {
        function.add(value, to: accumulator ?? function.createAccumulator())
    }
    @inline(__always)
    public func merge(_ a: F.Accumulator, _ b: F.Accumulator) throws -> F.Accumulator { function.merge(a, b) }
    @inline(__always)
    public func result(of accumulator: F.Accumulator) throws -> F.Output { function.result(of: accumulator) }
}
