/// A function over two connected streams of different types (Flink's `CoProcessFunction`): each
/// element of the first input goes to ``processElement1(_:context:)``, each of the second to
/// ``processElement2(_:context:)``; both emit through the context. The order between the two
/// inputs is whatever order their elements arrive in.
///
/// Thread-safety: an instance passed to `process(_:)` is shared by every subtask, so it is called
/// from several task threads at once when parallelism > 1: keep it stateless, or give each
/// subtask its own with `process(perSubtask:)`. One instance is called by one thread at a time
/// only in the latter case.
public protocol CoProcessFunction<Input1, Input2, Output>: AnyObject {
    associatedtype Input1
    associatedtype Input2
    associatedtype Output

    /// Processes one element of the first input.
    /// - Throws: anything; the job fails with this element as the failing record.
    func processElement1(_ value: Input1, context: CoProcessContext<Output>) throws

    /// Processes one element of the second input.
    /// - Throws: anything; the job fails with this element as the failing record.
    func processElement2(_ value: Input2, context: CoProcessContext<Output>) throws
}

/// A ``CoProcessFunction`` of two closures that map each input to the output type (`map(first:second:)`).
final class CoMapFunction<Input1, Input2, Output>: CoProcessFunction {
    let first: (Input1) throws -> Output
    let second: (Input2) throws -> Output

    init(first: @escaping (Input1) throws -> Output, second: @escaping (Input2) throws -> Output) {
        self.first = first
        self.second = second
    }

    func processElement1(_ value: Input1, context: CoProcessContext<Output>) throws { try context.collect(try first(value)) }
    func processElement2(_ value: Input2, context: CoProcessContext<Output>) throws { try context.collect(try second(value)) }
}
