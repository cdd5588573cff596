import EddyMemory
import EddyRuntime

/// The click generator as a source: as fast as possible, or at a target rate (records per second of
/// processing time, per subtask). Subtask i of p emits the events whose index is i modulo p of the
/// one deterministic sequence, so the job's input does not depend on its parallelism. Each click
/// carries its event time as the record's timestamp.
///
/// Thread-safety: confined to its source task.
public final class ClickGeneratorSource: SourceReader {
    private var generator: ClickGenerator
    private let ratePerSecond: Double?
    private var subtask = 0
    private var parallelism = 1
    private var index = 0
    private var emitted = 0
    private var startNanoseconds: UInt64 = 0

    public init(options: ClickGeneratorOptions, ratePerSecond: Double? = nil) {
        generator = ClickGenerator(options: options)
        self.ratePerSecond = ratePerSecond
    }

    public func open(subtaskIndex: Int, parallelism: Int) throws {
        subtask = subtaskIndex
        self.parallelism = parallelism
        startNanoseconds = monotonicNanoseconds()
    }

    public func poll(into output: Output<Click>, budget: Int) throws -> SourceStatus {
        var allowed = budget
        if let ratePerSecond {
            // Emit only what the schedule allows by now; the task waits a little when ahead.
            let elapsed = Double(monotonicNanoseconds() - startNanoseconds) / 1e9
            allowed = min(budget, Int(elapsed * ratePerSecond) - emitted)
            if allowed <= 0 { return .nothingAvailable }
        }
        var count = 0
        while count < allowed {
            guard let click = generator.next() else { return .endOfInput }
            let mine = index % parallelism == subtask
            index += 1
            if mine {
                try output.record(click, click.timestampMillis)
                count += 1
            }
        }
        emitted += count
        return .moreAvailable
    }
}

extension StreamExecutionEnvironment {
    /// Clicks from the deterministic generator (see ``ClickGeneratorSource``).
    public func fromClickGenerator(
        _ options: ClickGeneratorOptions, ratePerSecond: Double? = nil, parallelism: Int? = nil, name: String = "click-generator"
    ) -> DataStream<Click> {
        source(name, parallelism: parallelism) { _, _ in ClickGeneratorSource(options: options, ratePerSecond: ratePerSecond) }
    }
}
