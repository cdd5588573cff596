/// Builds metric names, `/`-separated scopes as Flink's metric groups:
/// `job/<jobID>/task/<taskName>/<subtask>/operator/<operatorID>/numRecordsIn`.
///
/// Components are sanitized (a `/` inside one becomes `_`), so a scope is always a clean prefix
/// for ``MetricRegistry/unregister(prefix:)``.
public enum MetricNames {
    /// `job/<jobID>`: everything a job registers; unregister it when the job ends.
    public static func job(_ jobID: String) -> String { "job/\(component(jobID))" }

    /// `job/<jobID>/task/<taskName>/<subtask>`.
    public static func task(jobID: String, taskName: String, subtask: Int) -> String {
        "\(job(jobID))/task/\(component(taskName))/\(subtask)"
    }

    /// `<task>/operator/<operatorID>`.
    public static func `operator`(_ operatorID: String, in task: String) -> String {
        "\(task)/operator/\(component(operatorID))"
    }

    /// Joins a scope and a metric name.
    public static func join(_ scope: String, _ name: String) -> String { "\(scope)/\(name)" }

    /// A single path component: `/` replaced by `_`, empty as `_`.
    public static func component(_ text: String) -> String {
        text.isEmpty ? "_" : text.replacing("/", with: "_")
    }
}
