import ArgumentParser
import Eddy
import Foundation

struct KeyedCountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keyed-count",
        abstract: "Final count of clicks per user: reads user_id,item_id,ts_millis CSV, writes user_id,count rows.",
        discussion: """
            Runs on the streaming runtime: file source → 2 s bounded-out-of-orderness watermark → keyed by
            user → count in keyed state, emitted when event time ends → one CSV sink. Malformed lines go to
            the dead-letter file and are counted. With --checkpoint-dir, a final checkpoint of the keyed
            state is written when the input ends.
            """)

    @OptionGroup var job: ClickJobArguments

    func run() throws {
        let report = try ClickJobs.keyedCount(job.options)
        ClickJobCommandOutput.print(report, name: "keyed-count")
    }
}
