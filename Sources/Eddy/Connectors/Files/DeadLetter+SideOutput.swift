import EddyRuntime

extension DeadLetter {
    /// The side output the sources send unparsable lines to.
    public static let tagName = "dead-letters"
    /// ``tagName`` as a typed tag, for `Output.emit(_:to:timestamp:)` and for routing side outputs.
    public static let outputTag = OutputTag<DeadLetter>(tagName)
}
