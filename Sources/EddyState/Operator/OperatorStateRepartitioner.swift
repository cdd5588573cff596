/// Decides which elements of which old subtask's file one new subtask restores (Flink's
/// `RoundRobinOperatorStateRepartitioner`), from the handles' metadata alone, so a subtask reads
/// only the files it needs.
///
/// - Split: at unchanged parallelism (the old handles are subtasks `0..<parallelism`) every subtask
///   gets its own list back, as in Flink. Otherwise the old lists are concatenated in old-subtask
///   order and new subtask `i` takes the `i`-th contiguous chunk of an even split: `total / p`
///   elements each, and the first `total % p` subtasks one more. (Flink rotates which subtasks get
///   the extra element from one state to the next; Eddy always gives it to the first ones, which is
///   simpler to reason about and differs by at most one element per state.)
/// - Union: every element of every old subtask, in old-subtask order.
/// - Broadcast: the whole map of old subtask 0, or of the lowest old subtask holding the state.
enum OperatorStateRepartitioner {
    /// One state's part of a restore: which elements (entries) to take from which handle.
    struct StatePlan {
        var mode: OperatorStateMode
        /// Handle positions (into the sorted handles) and element ranges, in restore order.
        var takes: [(handle: Int, range: Range<Int>)] = []
    }

    /// The contiguous chunk of `total` elements that subtask `subtask` of `parallelism` gets.
    static func evenSplit(total: Int, parallelism: Int, subtask: Int) -> Range<Int> {
        precondition(parallelism > 0 && subtask >= 0 && subtask < parallelism && total >= 0)
        let base = total / parallelism, remainder = total % parallelism
        let start = subtask * base + min(subtask, remainder)
        return start..<(start + base + (subtask < remainder ? 1 : 0))
    }

    /// Plans the restore of `subtaskIndex` of `parallelism` from `handles` (sorted by old subtask,
    /// one per subtask).
    /// - Throws: ``StateError`` `.corruptSnapshot` when handles disagree on a state's mode.
    static func plan(
        _ handles: [OperatorStateHandle], subtaskIndex: Int, parallelism: Int
    ) throws -> [String: StatePlan] {
        var plans: [String: StatePlan] = [:]
        for handle in handles {
            for info in handle.states {
                let mode = plans[info.name, default: StatePlan(mode: info.mode)].mode
                guard mode == info.mode else {
                    throw StateError(
                        .corruptSnapshot,
                        "operator state '\(info.name)' is \(info.mode) here but \(mode) in another subtask's snapshot",
                        path: handle.file.path)
                }
                plans[info.name] = plans[info.name] ?? StatePlan(mode: mode)
            }
        }
        let unchanged = handles.map(\.subtaskIndex) == Array(0..<parallelism)
        for (name, plan) in plans {
            let counts = handles.map { $0.state(named: name)?.count ?? 0 }
            var takes: [(handle: Int, range: Range<Int>)] = []
            switch plan.mode {
            case .split where unchanged:
                takes = [(subtaskIndex, 0..<counts[subtaskIndex])]
            case .split:
                let chunk = evenSplit(total: counts.reduce(0, +), parallelism: parallelism, subtask: subtaskIndex)
                var offset = 0
                for (position, count) in counts.enumerated() {
                    let lower = max(chunk.lowerBound, offset), upper = min(chunk.upperBound, offset + count)
                    if lower < upper { takes.append((position, (lower - offset)..<(upper - offset))) }
                    offset += count
                }
            case .union:
                takes = counts.enumerated().map { ($0.offset, 0..<$0.element) }
            case .broadcast:
                let source = handles.firstIndex { $0.state(named: name) != nil }!
                takes = [(source, 0..<counts[source])]
            }
            // Empty ranges need no file read.
            plans[name]?.takes = takes.filter { !$0.range.isEmpty }
        }
        return plans
    }
}
