import EddyRuntime

/// Calls a user function's `open` on the task thread when the task opens its operators.
///
/// Thread-safety: called by the task thread only.
final class FunctionLifecycle: OperatorLifecycle {
    let name: String
    private let onOpen: () throws -> Void

    init(name: String, onOpen: @escaping () throws -> Void) {
        self.name = name
        self.onOpen = onOpen
    }

    func open() throws { try onOpen() }
}
