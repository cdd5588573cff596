/// An ``Output`` in a class, so the job graph can pass typed outputs between type-erased factories
/// (`AnyObject`) and recover the type once, at deployment, with a cast that cannot fail when the
/// graph was built by the typed API. Nothing per record goes through the box.
public final class OutputBox<Element> {
    public let output: Output<Element>
    public init(_ output: Output<Element>) { self.output = output }

    /// Recovers a box passed through the graph as `AnyObject`.
    public static func from(_ object: AnyObject, _ what: @autoclosure () -> String) -> OutputBox<Element> {
        guard let box = object as? OutputBox<Element> else {
            preconditionFailure("job graph wiring: \(what()) expected Output<\(Element.self)>, got \(type(of: object))")
        }
        return box
    }
}
