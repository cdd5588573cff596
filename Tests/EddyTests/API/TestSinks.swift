import Eddy
import EddyRuntime
import Foundation

/// Records collected by every subtask of a test sink.
final class Collected<T>: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var items: [(value: T, timestamp: Int64?, subtask: Int)] = []
    private(set) var finishedSubtasks = 0

    func append(_ value: T, _ timestamp: Int64?, _ subtask: Int) { lock.withLock { items.append((value, timestamp, subtask)) } }
    func finished() { lock.withLock { finishedSubtasks += 1 } }
    var values: [T] { lock.withLock { items.map(\.value) } }
    var entries: [(value: T, timestamp: Int64?, subtask: Int)] { lock.withLock { items } }
}

/// A sink writer that appends to a shared ``Collected``.
final class CollectingWriter<T>: SinkWriter {
    let target: Collected<T>
    let subtask: Int
    let delayMicros: UInt32

    init(_ target: Collected<T>, subtask: Int, delayMicros: UInt32 = 0) {
        self.target = target
        self.subtask = subtask
        self.delayMicros = delayMicros
    }

    func write(_ value: T, timestamp: Int64?) throws {
        if delayMicros > 0 { usleep(delayMicros) }
        target.append(value, timestamp, subtask)
    }

    func finish() throws { target.finished() }
}

extension DataStream {
    /// Collects into `target` (test helper).
    @discardableResult
    func collect(into target: Collected<Element>, parallelism: Int? = nil) -> DataStreamSink {
        sink("collect", parallelism: parallelism) { subtask, _ in CollectingWriter(target, subtask: subtask) }
    }
}
