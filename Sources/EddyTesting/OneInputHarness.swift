import Eddy
import EddyCore
import EddyMemory
import EddyRuntime
import EddyState
import Foundation

/// Drives the operators a DataStream transformation adds, one subtask, by hand: records with
/// timestamps, watermarks, processing time and end of input go in; records, watermarks and side
/// outputs come out — no threads, no exchanges (Flink's `OneInputStreamOperatorTestHarness`, with
/// swift-nio `EmbeddedChannel`'s `finish()` that reports what was left).
///
/// ```swift
/// let harness = try OneInputHarness<Click, KeyedValue<Int64, Int64>> { $0.keyBy { $0.userID }.count() }
/// try harness.processElement(click, timestamp: 5)
/// #expect(harness.records.map(\.value) == [...])
/// ```
///
/// Thread-safety: one thread.
public final class OneInputHarness<In: StreamSerializable, Out: StreamSerializable> {
    /// Emitted records with their timestamps, in order.
    public private(set) var records: [(value: Out, timestamp: Int64?)] = []
    public private(set) var watermarks: [Watermark] = []
    /// Side-output values by tag name.
    public private(set) var sideOutputs: [String: [Any]] = [:]
    public let clock: ManualStateClock
    public let memory: MemoryManager
    private var input: Output<In>!
    private var lifecycles: [OperatorLifecycle] = []
    private var periodic: [PeriodicAction] = []
    private var cleanup: [@Sendable () -> Void] = []
    private var finished = false

    /// - Parameters:
    ///   - build: adds the operators under test to a stream of `In` and returns their output stream
    ///     (a chain of one-input operators: keyed ones may key the stream first).
    ///   - backend: keyed state backend of keyed operators.
    ///   - subtask, parallelism: which subtask to run (keyed operators own its key groups).
    public init(
        backend: StateBackendKind = .heap, subtask: Int = 0, parallelism: Int = 1,
        clock: ManualStateClock = ManualStateClock(), _ build: (DataStream<In>) -> DataStream<Out>
    ) throws {
        self.clock = clock
        memory = MemoryManager(budgetBytes: 64 << 20)
        let environment = StreamExecutionEnvironment(memory: memory)
        environment.stateBackend = backend
        environment.clock = clock
        environment.workingDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("eddy-harness-\(UUID().uuidString)").path
        let source = environment.fromCollection([In](), name: "harness-input")
        _ = build(source)
        try environment.prepareSettings(jobID: "harness")
        let nodes = environment.logicalNodes.filter { $0.id != environment.logicalNodes.first?.id }
        var downstream: AnyObject = OutputBox(Output<Out>(
            record: { [unowned self] value, timestamp in records.append((value, timestamp)) },
            watermark: { [unowned self] in watermarks.append($0) },
            sideOutput: { [unowned self] tag, value, _ in sideOutputs[tag, default: []].append(value) }))
        // Build from the last operator back to the first, each feeding the one after it.
        for node in nodes.reversed() {
            guard let makeOperator = node.makeOperator, node.inputs.count == 1 else {
                preconditionFailure("OneInputHarness drives chains of one-input operators; '\(node.name)' is not one")
            }
            let context = DeploymentContext(
                jobID: "harness", operatorID: "\(node.id)-\(node.name)", operatorName: node.name, subtaskIndex: subtask,
                parallelism: parallelism, maxParallelism: environment.maxParallelism, memory: memory, clock: clock,
                addCleanup: { [unowned self] in cleanup.append($0) }, addPeriodic: { [unowned self] in periodic.append($0) },
                metrics: OperatorMetrics(operatorID: "\(node.id)-\(node.name)", subtaskIndex: subtask))
            let built = try makeOperator(context, downstream)
            lifecycles.insert(contentsOf: built.lifecycle, at: 0)
            downstream = built.inputs[0]
        }
        input = OutputBox<In>.from(downstream, "harness input").output
        for lifecycle in lifecycles.reversed() { try lifecycle.open() }
    }

    deinit { close() }

    public func processElement(_ value: In, timestamp: Int64? = nil) throws { try input.record(value, timestamp) }

    public func processWatermark(_ timestamp: Int64) throws { try input.watermark(Watermark(timestamp)) }

    /// Sets processing time to `millis` and runs the operators' periodic work (processing-time
    /// timers, periodic watermarks).
    public func advanceProcessingTime(to millis: Int64) throws {
        clock.set(millis)
        for action in periodic { _ = try action.run(monotonicNanoseconds()) }
    }

    /// Ends the input: the end-of-time watermark, then every operator's `finish`.
    public func endInput() throws {
        try input.watermark(.endOfTime)
        for lifecycle in lifecycles { try lifecycle.finish() }
        finished = true
    }

    /// Takes the records emitted so far.
    public func takeRecords() -> [(value: Out, timestamp: Int64?)] {
        defer { records.removeAll() }
        return records
    }

    /// Closes the operators and releases their state; returns how many segments were still held
    /// (leaks of the operators under test: 0 when they cleaned up).
    @discardableResult
    public func close() -> Int {
        for lifecycle in lifecycles { lifecycle.close() }
        lifecycles.removeAll()
        let actions = cleanup
        cleanup.removeAll()
        for action in actions { action() }
        return memory.statistics.usedSegments
    }
}
