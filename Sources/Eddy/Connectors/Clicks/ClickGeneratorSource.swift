import EddyMemory
import EddyRuntime

/// The click generator as a source: as fast as possible, or at a target rate (records per second of
/// processing time, per subtask). Subtask i of p emits the events whose index is i modulo p of the
/// one deterministic sequence, so the job's input does not depend on its parallelism. Each click
/// carries its event time as the record's timestamp.
///
/// Thread-safety: confined to its source task.
public final class ClickGeneratorSource: CheckpointedSourceReader {
    private var generator: ClickGenerator
    private let ratePerSecond: Double?
    private var subtask = 0
    private var parallelism = 1
    private var index = 0
    private var emitted = 0
    private var startNanoseconds: UInt64 = 0
    /// Progress restored from a checkpoint; consulted only for events below its `freshIndex`.
    private var restored: ClickGeneratorProgress?

    public init(options: ClickGeneratorOptions, ratePerSecond: Double? = nil) {
        generator = ClickGenerator(options: options)
        self.ratePerSecond = ratePerSecond
    }

    public func open(subtaskIndex: Int, parallelism: Int) throws {
        subtask = subtaskIndex
        self.parallelism = parallelism
        startNanoseconds = monotonicNanoseconds()
        if let restored {
            // Everything below the smallest scanned index was emitted already: skip it unseen.
            let skip = restored.resumeIndex
            for _ in 0..<skip { _ = generator.next() }
            index = skip
            if restored.freshIndex <= index { self.restored = nil }
        }
    }

    /// Takes the progress of every old subtask from a restored checkpoint (before `open`).
    public func restoreProgress(_ states: [[UInt8]]) throws {
        restored = try ClickGeneratorProgress(merging: states)
    }

    public func snapshotPosition() throws -> [UInt8] { progress() }
    public func restorePosition(_ positions: [[UInt8]]) throws { try restoreProgress(positions) }
    /// Every subtask needs all old entries to know which events were emitted (``ClickGeneratorProgress``).
    public var restoresAllPositions: Bool { true }

    /// This subtask's progress for a checkpoint: how far it scanned the sequence. Call between polls.
    public func progress() -> [UInt8] {
        ClickGeneratorProgress(entries: [.init(parallelism: parallelism, subtask: subtask, scanned: index)]).encoded()
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
            var mine = index % parallelism == subtask
            if let restored, mine {
                // Re-scanning what the old subtasks covered: emit only what they had not.
                mine = !restored.wasEmitted(index)
                if index + 1 >= restored.freshIndex { self.restored = nil }
            }
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
