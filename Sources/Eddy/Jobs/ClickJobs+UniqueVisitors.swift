import EddyWindowing

extension ClickJobs {
    /// Unique visitors per sliding event-time window: rows `window_start_ms,window_end_ms,uv`, one per
    /// window that saw a click, in order of window end. Clicks are keyed by user over the job's
    /// parallelism; a sum per window at parallelism 1 adds the subtasks' parts.
    public static func uniqueVisitors(
        _ options: ClickJobOptions, windowMillis: Int64, slideMillis: Int64, distinct: DistinctCountOptions = DistinctCountOptions()
    ) throws -> ClickJobReport {
        try run(options, name: "uv") { clicks in
            uniqueVisitorsPerWindow(clicks, windowMillis: windowMillis, slideMillis: slideMillis, distinct: distinct)
                .map("format") { $0.description }.setParallelism(1)
        }
    }

    /// The UV job's pipeline: clicks (with watermarks) → distinct users per window.
    public static func uniqueVisitorsPerWindow(
        _ clicks: DataStream<Click>, windowMillis: Int64, slideMillis: Int64, distinct: DistinctCountOptions = DistinctCountOptions()
    ) -> DataStream<DistinctCountResult> {
        clicks.distinctCount(by: { $0.userID }, windowMillis: windowMillis, slideMillis: slideMillis, options: distinct, name: "uv")
    }
}
