import EddyMemory
import Foundation
import Synchronization

/// One subtask of a chain, run on its own thread: a loop that pulls its source (or processes what
/// arrived on its inputs), runs periodic actions, flushes exchange buffers on timeout, and waits in
/// one place when there is nothing to do. Operators and their state are confined to this thread.
///
/// Ends by itself when its inputs end (finishing operators and channels), or when cancelled, or
/// when an operator throws (the failure is reported to the job, which cancels the other tasks), or
/// after a terminating savepoint completed (ending its channels but finishing no operator).
///
/// Checkpoints: control messages (``TaskMail``) arrive through a mailbox checked once per loop
/// turn; barriers from inputs go to the task's ``CheckpointBarrierHandler``.
///
/// Thread-safety: `start`, `cancel`, `post`, `state` and `join` from any thread; everything else
/// belongs to the task's own thread.
public final class StreamTask: @unchecked Sendable {  // mutable parts confined to the task thread
    public let name: String
    /// Unique per job (`<chain head node>-<subtask>`): how the coordinator tells tasks apart.
    public let key: String
    public let notifier = TaskNotifier()
    let mailbox = TaskMailbox()
    var checkpointing: TaskCheckpointing?
    var barrierHandler: CheckpointBarrierHandler?
    /// A terminating savepoint this task took part in, whose outcome it waits for before ending.
    var stopAfterSavepoint: Int64?
    /// The terminating savepoint completed: end without finishing operators.
    var stopped = false
    /// Whether the task ended by a terminating savepoint; read it after `join()` (the task thread
    /// wrote it before signalling the end).
    public var stoppedBySavepoint: Bool { stopped }
    var source: SourceDriver?
    var inputs: [InputProcessor] = []
    var outputs: [TaskOutput] = []
    /// Head first.
    var operators: [OperatorLifecycle] = []
    var periodic: [PeriodicAction] = []
    var releaseResources: [() -> Void] = []
    public let accounting = TaskTimeAccounting()

    private let stateBox = Mutex(TaskState.created)
    private let cancelled = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)
    private var onFailure: (@Sendable (StreamTask, any Error) -> Void)?

    /// Records per source poll or input pass before the loop checks timers and cancellation.
    static let batch = 1024

    public init(name: String, key: String? = nil) {
        self.name = name
        self.key = key ?? name
    }

    /// Whether the task runs a source (the coordinator triggers checkpoints there).
    public var isSource: Bool { source != nil }

    public var state: TaskState { stateBox.withLock { $0 } }

    /// Adds the chain's parts (before `start`).
    /// - Parameters:
    ///   - checkpointing: the chain's checkpointed operators and where snapshots go; nil when the
    ///     job takes no checkpoints.
    ///   - alignmentTimeoutNanoseconds: see ``CheckpointBarrierHandler``.
    public func configure(
        source: SourceDriver? = nil, inputs: [InputProcessor] = [], outputs: [TaskOutput] = [],
        operators: [OperatorLifecycle] = [], periodic: [PeriodicAction] = [], release: [() -> Void] = [],
        checkpointing: TaskCheckpointing? = nil, alignmentTimeoutNanoseconds: UInt64? = nil
    ) {
        self.source = source
        self.inputs += inputs
        self.outputs += outputs
        self.operators += operators
        self.periodic += periodic
        self.releaseResources += release
        if let checkpointing {
            self.checkpointing = checkpointing
            checkpointing.outputs = self.outputs
            if !self.inputs.isEmpty {
                barrierHandler = makeBarrierHandler(checkpointing, alignmentTimeoutNanoseconds: alignmentTimeoutNanoseconds)
            }
        }
    }

    /// Hands `mail` to the task thread and wakes it.
    public func post(_ mail: TaskMail) {
        mailbox.post(mail)
        notifier.signal()
    }

    /// Starts the task's thread.
    public func start(onFailure: @escaping @Sendable (StreamTask, any Error) -> Void) {
        self.onFailure = onFailure
        stateBox.withLock { $0 = .running }
        let thread = Thread { [self] in
            run()
            done.signal()
        }
        thread.name = name
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Asks the task to stop at its next loop turn.
    public func cancel() {
        cancelled.store(true, ordering: .relaxed)
        notifier.signal()
    }

    /// Waits until the task's thread has ended.
    public func join() {
        done.wait()
        done.signal()  // later joins return at once too
    }

    private var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    private func run() {
        var finalState = TaskState.finished
        do {
            try source?.open()
            // Downstream first, so every operator is ready before its upstream emits.
            for op in operators.reversed() { try op.open() }
            switch try loop() {
            case .endOfInput:
                try source?.finish()
                for op in operators { try op.finish() }
                for output in outputs { output.finish() }
            case .stopped:
                // Stop-with-savepoint: the savepoint holds the state; no end-of-time watermark, no
                // final output (that would duplicate what a resumed job emits).
                for output in outputs { output.finish() }
            case .cancelled:
                finalState = .cancelled
            }
        } catch {
            finalState = isCancelled ? .cancelled : .failed
            if finalState == .failed { onFailure?(self, error) }
        }
        if finalState != .finished { for output in outputs { output.abandon() } }
        for op in operators { op.close() }
        source?.close()
        for input in inputs { input.release() }
        for release in releaseResources { release() }
        accounting.enter(.idle)
        stateBox.withLock { $0 = finalState }
    }

    enum LoopEnd { case endOfInput, stopped, cancelled }

    /// Runs until the inputs end, a terminating savepoint completed, or the task is cancelled.
    private func loop() throws -> LoopEnd {
        var nextPeriodic: UInt64 = 0
        accounting.enter(.busy, now: monotonicNanoseconds())
        while !isCancelled {
            if mailbox.hasMail { try handleMail() }
            if stopped { return .stopped }
            var didWork = false
            if let source {
                // A source that emitted a terminating savepoint's barrier emits nothing after it.
                if stopAfterSavepoint == nil {
                    let status = try source.poll(Self.batch)
                    if status == .endOfInput { return .endOfInput }
                    didWork = status == .moreAvailable
                }
            } else {
                var processed = 0
                for input in inputs { processed += try input.processAvailable(budget: Self.batch) }
                if processed == 0 && stopAfterSavepoint == nil && inputs.allSatisfy(\.isFinished) { return .endOfInput }
                didWork = processed > 0
            }
            let now = monotonicNanoseconds()
            try barrierHandler?.checkAlignmentTimeout(now: now)
            var deadline = min(now &+ 50_000_000, barrierHandler?.alignmentDeadline ?? .max)  // wake at least every 50 ms
            // After a terminating savepoint's barrier nothing may fire: its output would not be in
            // the savepoint, and the resumed job fires it again.
            if now >= nextPeriodic && stopAfterSavepoint == nil {
                nextPeriodic = now &+ 200_000_000
                for action in periodic {
                    if let next = try action.run(now) { nextPeriodic = min(nextPeriodic, next) }
                }
            }
            deadline = min(deadline, nextPeriodic)
            for output in outputs {
                if let due = output.flushDue(now: now) { deadline = min(deadline, due) }
            }
            if !didWork {
                accounting.enter(.idle, now: now)
                if source != nil {
                    // A source with nothing now (a socket, a followed file): poll again soon.
                    notifier.wait(untilNanoseconds: min(deadline, now &+ 1_000_000))
                } else {
                    notifier.wait(untilNanoseconds: deadline)
                }
                accounting.enter(.busy, now: monotonicNanoseconds())
            }
        }
        return .cancelled
    }
}
