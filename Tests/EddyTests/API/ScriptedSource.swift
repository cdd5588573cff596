import Eddy
import EddyCore
import EddyRuntime
import Synchronization

/// A count shared between a test's sources and functions, which run on different task threads.
final class SharedCount: Sendable {
    private let count = Atomic<Int>(0)
    func increment() { count.add(1, ordering: .sequentiallyConsistent) }
    var value: Int { count.load(ordering: .sequentiallyConsistent) }
}

/// A source that plays a script: records and watermarks in order, pausing at each `wait` until its
/// condition holds. Lets a test order elements across two inputs, which the runtime does not.
final class ScriptedSourceReader<T>: SourceReader {
    enum Step {
        case record(T, Int64?)
        case watermark(Int64)
        /// Polls return `.nothingAvailable` until the condition holds.
        case wait(() -> Bool)
    }

    private let steps: [Step]
    private var next = 0

    init(_ steps: [Step]) { self.steps = steps }

    func poll(into output: Output<T>, budget: Int) throws -> SourceStatus {
        var emitted = 0
        while next < steps.count && emitted < budget {
            switch steps[next] {
            case .record(let value, let timestamp): try output.record(value, timestamp)
            case .watermark(let timestamp): try output.watermark(Watermark(timestamp))
            case .wait(let condition): if !condition() { return .nothingAvailable }
            }
            next += 1
            emitted += 1
        }
        return next < steps.count ? .moreAvailable : .endOfInput
    }
}

extension StreamExecutionEnvironment {
    /// A one-subtask source playing `steps` (test helper).
    func scripted<T: StreamSerializable>(_ name: String, _ steps: [ScriptedSourceReader<T>.Step]) -> DataStream<T> {
        source(name, parallelism: 1) { _, _ in ScriptedSourceReader(steps) }
    }
}
