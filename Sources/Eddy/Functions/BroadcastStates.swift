import EddyCore
import EddyState

/// The broadcast states of one subtask of a broadcast operator: its operator state backend and the
/// names declared with `broadcast(_:)`, the only states the function may use (as in Flink, where
/// using an undeclared descriptor fails).
///
/// Thread-safety: confined to the operator's task thread, as the backend is.
final class BroadcastStates {
    let backend: OperatorStateBackend
    private let declared: [BroadcastStateDeclaration]
    private let declaredNames: Set<String>

    init(backend: OperatorStateBackend, declared: [BroadcastStateDeclaration]) {
        self.backend = backend
        self.declared = declared
        declaredNames = Set(declared.map(\.name))
    }

    /// Registers every declared state, so the main input sees empty maps before any broadcast.
    func registerDeclared() throws {
        for declaration in declared { try declaration.register(backend) }
    }

    /// The declared broadcast state of `descriptor`.
    /// - Throws: ``StateError`` `.invalidState` when it was not declared; `.incompatible` when its
    ///   name was declared with other types.
    func state<KS: Serializer, VS: Serializer>(_ descriptor: MapStateDescriptor<KS, VS>) throws -> BroadcastState<KS.Value, VS.Value> {
        guard declaredNames.contains(descriptor.name) else {
            throw StateError(
                .invalidState,
                "broadcast state '\(descriptor.name)' was not declared in broadcast(_:) (declared: \(declaredNames.sorted()))")
        }
        return try backend.broadcastState(descriptor)
    }
}

/// A map state descriptor given to `broadcast(_:)`, its types erased: its name and how to register it.
struct BroadcastStateDeclaration {
    let name: String
    let register: (OperatorStateBackend) throws -> Void

    init<KS: Serializer, VS: Serializer>(_ descriptor: MapStateDescriptor<KS, VS>) {
        name = descriptor.name
        register = { _ = try $0.broadcastState(descriptor) }
    }
}
