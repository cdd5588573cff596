import EddyMemory
import EddyCore
import EddyRuntime
import EddyState

/// A stream partitioned by key, as Flink's `KeyedStream<T, K>`: records of one key go to one
/// subtask (by key group of the key's serialized bytes), where keyed state is scoped to the key.
public struct KeyedStream<Element: StreamSerializable, Key: StreamSerializable & Hashable> {
    let stream: DataStream<Element>
    let key: (Element) -> Key

    /// The selector of the key-group edge: record → consumer subtask.
    var selector: (Int, Int) -> AnyObject {
        let key = self.key
        return { consumers, maxParallelism in
            return ChannelSelectorBox<Element> { value in
                let group = KeyGroupRangeAssignment.keyGroup(
                    for: key(value), serializer: Key.streamSerializer, maxParallelism: maxParallelism)
                return KeyGroupRangeAssignment.operatorIndex(forKeyGroup: group, parallelism: consumers, maxParallelism: maxParallelism)
            }
        }
    }

    /// Adds a keyed one-input operator: `build` gets the subtask's keyed state backend (created for
    /// the subtask's key-group range with the environment's backend kind, restored from the job's
    /// checkpoint if any, disposed when the job ends) and the part that checkpoints it, to which
    /// the operator attaches its timer service.
    func addKeyedOperator<R: StreamSerializable>(
        _ name: String,
        build: @escaping (DeploymentContext, any KeyedStateBackend<Key>, KeyedStateCheckpointing<Key>, Output<R>) throws
            -> (Output<Element>, [OperatorLifecycle])
    ) -> DataStream<R> {
        let settings = stream.environment.settings
        let makeBackend = stream.environment.keyedBackendFactory(for: Key.self)
        return stream.addOperator(name, partitioning: .keyGroups, explicit: true, selector: selector) { context, output in
            let checkpointing = try makeBackend(context)
            let backend = checkpointing.backend
            let (input, built) = try build(context, backend, checkpointing, output)
            let lifecycle = built + [checkpointing]
            guard let collector = settings.finalCheckpoint else { return (input, lifecycle) }
            let finalSnapshot = FinalSnapshotLifecycle(
                name: "\(name)/final-checkpoint", backend: backend, storage: settings.storage, collector: collector,
                operatorID: context.operatorID, subtask: context.subtaskIndex)
            return (input, lifecycle + [finalSnapshot])
        }
    }
}

/// Disposes a keyed backend and closes its memory owner when the job ends.
final class BackendDisposer<Key>: @unchecked Sendable {  // used once, after every task has ended
    let backend: any KeyedStateBackend<Key>
    let owner: MemoryOwner

    init(backend: any KeyedStateBackend<Key>, owner: MemoryOwner) {
        self.backend = backend
        self.owner = owner
    }

    func dispose() {
        backend.dispose()
        owner.close()
    }
}

extension DataStream {
    /// Partitions the stream by `key`.
    public func keyBy<K: StreamSerializable & Hashable>(_ key: @escaping (Element) -> K) -> KeyedStream<Element, K> {
        KeyedStream(stream: self, key: key)
    }
}
