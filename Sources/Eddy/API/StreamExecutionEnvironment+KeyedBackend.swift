import EddyCore
import EddyMemory
import EddyRuntime
import EddyState

extension StreamExecutionEnvironment {
    /// A factory of keyed state backends, one per subtask of an operator: each covers the subtask's
    /// key-group range, is of the kind `execute` put in the job's settings, restores the keyed
    /// state the deployment hands it (key groups overlapping its own), and is disposed with its
    /// memory owner when the job ends. The one place keyed operators get their backends; each
    /// comes with the part that checkpoints it (add it to the operator's lifecycle).
    func keyedBackendFactory<Key: StreamSerializable & Hashable>(
        for _: Key.Type
    ) -> (DeploymentContext) throws -> KeyedStateCheckpointing<Key> {
        let settings = self.settings
        return { context in
            let range = KeyGroupRangeAssignment.range(
                forOperatorIndex: context.subtaskIndex, parallelism: context.parallelism, maxParallelism: context.maxParallelism)
            let owner = context.memory.register(owner: "job/\(context.jobID)/\(context.operatorID)/\(context.subtaskIndex)/state")
            var parameters = KeyedBackendParameters(
                operatorID: context.operatorID, subtaskIndex: context.subtaskIndex, keySerializer: Key.streamSerializer,
                keyGroupRange: range, maxParallelism: context.maxParallelism, clock: context.clock, storage: settings.storage,
                workingDirectory: "\(settings.workingDirectory)/\(context.jobID)/\(context.operatorID)-\(context.subtaskIndex)",
                memory: owner)
            parameters.restoreStorage = context.restore?.storage
            let backend: any KeyedStateBackend<Key>
            do {
                backend = try settings.stateBackend.makeKeyedBackend(
                    parameters, restoring: context.restore?.keyedState ?? [], rocksDBOptions: settings.rocksDBOptions)
            } catch {
                owner.close()
                throw error
            }
            let box = BackendDisposer(backend: backend, owner: owner)
            context.addCleanup { box.dispose() }
            return KeyedStateCheckpointing(name: "\(context.operatorName)/keyed-state", backend: backend, restore: context.restore)
        }
    }
}
