import EddyState

/// Turns a fired window's contents into output (Flink's `InternalWindowFunction`): the reduced
/// value or aggregate as is, or through a ``ProcessWindowFunction``.
///
/// Thread-safety: the task thread only.
public protocol WindowResultFunction<Input, Out, Key, W> {
    associatedtype Input
    associatedtype Out
    associatedtype Key
    associatedtype W: Window
    /// Emits the result of `input` through `context`.
    func apply(_ input: Input, key: Key, context: ProcessWindowContext<Key, W, Out>) throws
    /// The window is cleaned up (a process function clears its per-window state).
    func clear(key: Key, context: ProcessWindowContext<Key, W, Out>) throws
}

extension WindowResultFunction {
    public func clear(key: Key, context: ProcessWindowContext<Key, W, Out>) throws {}
}

/// Emits the window's reduced value or aggregate result as it is.
public struct PassThroughResult<Value, Key, W: Window>: WindowResultFunction {
    public init() {}
    public func apply(_ input: Value, key: Key, context: ProcessWindowContext<Key, W, Value>) throws { try context.collect(input) }
}

/// Hands the window's one pre-aggregated value to a process function (reduce or aggregate, then
/// process).
public struct ProcessSingleResult<F: ProcessWindowFunction>: WindowResultFunction {
    public let function: F
    public init(_ function: F) { self.function = function }
    public func apply(_ input: F.Input, key: F.Key, context: ProcessWindowContext<F.Key, F.W, F.Out>) throws {
        try function.process(key, elements: [input], context: context)
    }
    public func clear(key: F.Key, context: ProcessWindowContext<F.Key, F.W, F.Out>) throws { try function.clear(key, context: context) }
}

/// Hands all of the window's elements to a process function.
public struct ProcessAllResult<F: ProcessWindowFunction>: WindowResultFunction {
    public let function: F
    public init(_ function: F) { self.function = function }
    public func apply(_ input: [F.Input], key: F.Key, context: ProcessWindowContext<F.Key, F.W, F.Out>) throws {
        try function.process(key, elements: input, context: context)
    }
    public func clear(key: F.Key, context: ProcessWindowContext<F.Key, F.W, F.Out>) throws { try function.clear(key, context: context) }
}

/// Reduces the elements a window kept for its evictor, then hands the value on (Flink's
/// `ReduceApplyProcessWindowFunction`).
public struct ReduceElementsResult<Next: WindowResultFunction>: WindowResultFunction {
    public let reduce: (Next.Input, Next.Input) throws -> Next.Input
    public let next: Next
    public init(reduce: @escaping (Next.Input, Next.Input) throws -> Next.Input, then next: Next) {
        self.reduce = reduce
        self.next = next
    }
    public func apply(_ input: [Next.Input], key: Next.Key, context: ProcessWindowContext<Next.Key, Next.W, Next.Out>) throws {
        guard var value = input.first else { return }
        for element in input.dropFirst() { value = try reduce(value, element) }
        try next.apply(value, key: key, context: context)
    }
    public func clear(key: Next.Key, context: ProcessWindowContext<Next.Key, Next.W, Next.Out>) throws {
        try next.clear(key: key, context: context)
    }
}

/// Aggregates the elements a window kept for its evictor, then hands the result on (Flink's
/// `AggregateApplyWindowFunction`).
public struct AggregateElementsResult<F: AggregateFunction, Next: WindowResultFunction>: WindowResultFunction
where Next.Input == F.Output {
    public let function: F
    public let next: Next
    public init(_ function: F, then next: Next) {
        self.function = function
        self.next = next
    }
    public func apply(_ input: [F.Input], key: Next.Key, context: ProcessWindowContext<Next.Key, Next.W, Next.Out>) throws {
        var accumulator = function.createAccumulator()
        for element in input { accumulator = function.add(element, to: accumulator) }
        try next.apply(function.result(of: accumulator), key: key, context: context)
    }
    public func clear(key: Next.Key, context: ProcessWindowContext<Next.Key, Next.W, Next.Out>) throws {
        try next.clear(key: key, context: context)
    }
}
