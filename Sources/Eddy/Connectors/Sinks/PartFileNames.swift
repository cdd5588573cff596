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

    /// The subtask and sequence of a hidden file of this sink (in progress or pending), if `name` is one.
    func parseHidden(_ name: String) -> (subtask: Int, sequence: Int64)? {
        let lead = ".\(prefix)-"
        guard name.hasPrefix(lead) else { return nil }
        var rest = name.dropFirst(lead.count)
        for ending in [".inprogress", ".pending"] where rest.hasSuffix(suffix + ending) {
            rest = rest.dropLast(suffix.count + ending.count)
            let parts = rest.split(separator: "-")
            guard parts.count == 2, let subtask = Int(parts[0]), let sequence = Int64(parts[1]) else { return nil }
            return (subtask, sequence)
        }
        return nil
    }
}
