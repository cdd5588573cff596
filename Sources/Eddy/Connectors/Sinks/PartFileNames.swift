/// Names of a part-file sink's files in its directory: `part-<subtask>-<seq><suffix>` once
/// committed (visible), hidden (dot-prefixed) while in progress or pending, so readers of the
/// directory see committed output only.
struct PartFileNames: Sendable {
    let directory: String
    let prefix: String
    let suffix: String

    func committed(subtask: Int, sequence: Int64) -> String {
        "\(directory)/\(prefix)-\(subtask)-\(sequence)\(suffix)"
    }

    func inProgress(subtask: Int, sequence: Int64) -> String {
        "\(directory)/.\(prefix)-\(subtask)-\(sequence)\(suffix).inprogress"
    }

    func pending(subtask: Int, sequence: Int64) -> String {
        "\(directory)/.\(prefix)-\(subtask)-\(sequence)\(suffix).pending"
    }

    /// The subtask and part number of a file of this sink (committed, in progress or pending), if
    /// `name` is one.
    func parse(_ name: String) -> (subtask: Int, sequence: Int64)? {
        var rest = Substring(name)
        if rest.hasPrefix(".") {
            rest = rest.dropFirst()
            guard let ending = [".inprogress", ".pending"].first(where: { rest.hasSuffix(suffix + $0) }) else { return nil }
            rest = rest.dropLast(ending.count)
        }
        guard rest.hasPrefix(prefix + "-"), rest.hasSuffix(suffix) else { return nil }
        let parts = rest.dropFirst(prefix.count + 1).dropLast(suffix.count).split(separator: "-")
        guard parts.count == 2, let subtask = Int(parts[0]), let sequence = Int64(parts[1]) else { return nil }
        return (subtask, sequence)
    }
}
