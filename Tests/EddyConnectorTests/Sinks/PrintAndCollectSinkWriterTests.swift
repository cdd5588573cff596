import EddyRuntime
import Foundation
import Synchronization
import Testing

@testable import Eddy

@Suite struct PrintAndCollectSinkWriterTests {
    func printed(prefix: String?, subtask: Int, parallelism: Int, values: [Int]) throws -> [String] {
        var lines: [String] = []
        let sink = PrintSinkWriter<Int>(prefix: prefix, printLine: { lines.append($0) })
        try sink.open(subtaskIndex: subtask, parallelism: parallelism)
        for value in values { try sink.write(value, timestamp: nil) }
        return lines
    }

    @Test func printPrefixesFollowFlink() throws {
        #expect(try printed(prefix: nil, subtask: 0, parallelism: 1, values: [1, 2]) == ["1", "2"])
        #expect(try printed(prefix: nil, subtask: 1, parallelism: 4, values: [7]) == ["2> 7"])
        #expect(try printed(prefix: "out", subtask: 0, parallelism: 1, values: [7]) == ["out> 7"])
        #expect(try printed(prefix: "out", subtask: 2, parallelism: 3, values: [7]) == ["out:3> 7"])
        var lines: [String] = []
        let custom = PrintSinkWriter<Click>(describe: { "user \($0.userID)" }, printLine: { lines.append($0) })
        try custom.write(Click(userID: 5, itemID: 0, timestampMillis: 0), timestamp: nil)
        #expect(lines == ["user 5"])
    }

    @Test func collectSinkGathersTwoSubtasksOnTwoThreads() async throws {
        let results = CollectedResults<Int>()
        await withTaskGroup(of: Void.self) { group in
            for subtask in 0..<2 {
                group.addTask {
                    let sink = CollectSinkWriter(into: results)
                    try? sink.open(subtaskIndex: subtask, parallelism: 2)
                    for value in 0..<1000 { try? sink.write(subtask * 1000 + value, timestamp: Int64(value)) }
                    try? sink.finish()
                }
            }
        }
        #expect(results.values.count == 2000)
        #expect(results.values.sorted() == Array(0..<2000))
        #expect(results.values(ofSubtask: 0) == Array(0..<1000))
        #expect(results.values(ofSubtask: 1) == Array(1000..<2000))
        #expect(results.finishedSubtasks == [0, 1])
        #expect(results.entries.first { $0.value == 1005 }?.timestamp == 5)
    }
}
