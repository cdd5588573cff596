import EddyCore
import EddyState

/// The keyed state of a ``SessionWindowOperator``: per key its sessions in flight with their
/// accumulators, registered where the backend's concrete type is known so its accesses run
/// specialized code.
public struct SessionsState<Accumulator> {
    @usableFromInline let handle: ValueStateHandle<VoidNamespace, KeySessions<Accumulator>>

    @inlinable
    public init<B: KeyedStateBackend, AS: Serializer>(backend: B, accumulatorSerializer: AS) throws where AS.Value == Accumulator {
        handle = try backend.valueState(
            ValueStateDescriptor(name: "session-windows", serializer: KeySessionsSerializer(accumulatorSerializer)),
            namespaceSerializer: VoidNamespaceSerializer())
    }
}
