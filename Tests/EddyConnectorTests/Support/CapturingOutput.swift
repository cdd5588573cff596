import Eddy
import EddyRuntime

/// An `Output` that keeps what a source emits: records with timestamps, and dead letters from the
/// side output. Other side outputs are kept by tag name.
final class CapturingOutput<Element> {
    var records: [Element] = []
    var timestamps: [Int64?] = []
    var deadLetters: [DeadLetter] = []
    var otherSideOutputs: [String] = []

    var output: Output<Element> {
        Output(
            record: { [unowned self] value, timestamp in
                records.append(value)
                timestamps.append(timestamp)
            },
            sideOutput: { [unowned self] tag, value, _ in
                if tag == DeadLetter.tagName, let letter = value as? DeadLetter {
                    deadLetters.append(letter)
                } else {
                    otherSideOutputs.append(tag)
                }
            })
    }
}

extension SourceReader {
    /// Polls until the input ends (at most `limit` polls); returns the statuses seen.
    @discardableResult
    func drain(into output: Output<Element>, budget: Int = 1000, limit: Int = 100_000) throws -> [SourceStatus] {
        var statuses: [SourceStatus] = []
        for _ in 0..<limit {
            let status = try poll(into: output, budget: budget)
            statuses.append(status)
            if status == .endOfInput { return statuses }
        }
        return statuses
    }
}
