import EddyState
import Testing

/// Runs `body` and returns the ``StateError`` it throws, recording an issue when it throws nothing
/// or something else.
@discardableResult
func expectStateError(
    _ code: StateError.Code, path: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) -> StateError? {
    do {
        try body()
        Issue.record("expected a StateError (\(code)), nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as StateError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let path { #expect(error.path == path, "\(error)", sourceLocation: sourceLocation) }
        return error
    } catch {
        Issue.record("expected a StateError (\(code)), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
