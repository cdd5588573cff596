import Eddy
import EddyCore
import EddyMemory
import EddyRuntime
import Foundation
import Testing

/// Jobs over sources that do not end by themselves (a socket until its peer closes, a followed
/// file until cancelled), and the JSON Lines source with a bad line.
@Suite struct StreamingSourceJobTests {
    struct Event: Codable, Equatable, Sendable, StreamSerializable {
        var user: Int64
        var at: Int64
    }

    /// Polls `condition` every 5 ms for up to `seconds`.
    static func waitUntil(seconds: Double = 10, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return true
    }

    @Test func jsonLinesWithABadLine() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            #"{"user":1,"at":10}"# + "\n" + #"{"user":"two","at":20}"# + "\nnot json\n" + #"{"at":40,"user":4}"# + "\n",
            to: "events.jsonl")
        let environment = StreamExecutionEnvironment()
        let events = environment.readJSONLines([path], as: Event.self, timestamp: { $0.at })
        let good = CollectedResults<Event>()
        let bad = CollectedResults<DeadLetter>()
        events.collect(into: good)
        events.sideOutput(DeadLetter.outputTag).collect(into: bad)
        try environment.execute("json-lines")
        #expect(good.values == [Event(user: 1, at: 10), Event(user: 4, at: 40)])
        #expect(good.entries.map(\.timestamp) == [10, 40])
        #expect(bad.values.map(\.line) == [2, 3])
        #expect(bad.values.first?.reason.hasPrefix("field 'user': expected Int64") == true)
        #expect(bad.values.last?.reason.hasPrefix("not valid JSON") == true)
        #expect(bad.values.map(\.raw) == [#"{"user":"two","at":20}"#, "not json"])
    }

    @Test func socketSourceCollectsEveryLineUntilThePeerCloses() throws {
        let listener = try LoopbackListener()
        let environment = StreamExecutionEnvironment()
        let lines = CollectedResults<String>()
        environment.socketTextStream(host: "127.0.0.1", port: listener.port)
            .rebalance().map { $0.uppercased() }.setParallelism(2)
            .collect(into: lines, parallelism: 2)
        let job = try environment.executeAsync("socket")
        listener.waitForClient()
        let sent = (1...1000).map { "line \($0)" }
        for chunk in stride(from: 0, to: sent.count, by: 100) {
            listener.send(sent[chunk..<chunk + 100].map { $0 + "\n" }.joined())
        }
        listener.send("last without newline")
        listener.closeClient()
        let status = job.waitForCompletion()
        #expect("\(status)" == "FINISHED")
        #expect(lines.values.sorted() == (sent + ["last without newline"]).map { $0.uppercased() }.sorted())
        #expect(lines.finishedSubtasks == [0, 1])
    }

    @Test func aFollowedFileJobIsCancelledAfterTheAppendedLinesArrive() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("first\nsecond\n", to: "growing.log")
        let memory = MemoryManager(budgetBytes: 16 << 20)
        let environment = StreamExecutionEnvironment(memory: memory)
        environment.bufferTimeoutMillis = 5
        let lines = CollectedResults<String>()
        environment.readTextLines([path], mode: .following(pollInterval: .milliseconds(10)))
            .map { $0 }.disableChaining()  // an exchange, so there are segments to leak
            .collect(into: lines)
        let job = try environment.executeAsync("follow")
        #expect(Self.waitUntil { lines.values.count == 2 })

        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("third\nfourth\nfif".utf8))
        #expect(Self.waitUntil { lines.values.count == 4 })
        try handle.write(contentsOf: Data("th\n".utf8))
        try handle.close()
        #expect(Self.waitUntil { lines.values.count == 5 })
        #expect(!job.status.isTerminal, "a followed file never ends by itself")

        job.cancel()
        let status = job.waitForCompletion()
        #expect("\(status)" == "CANCELED")
        #expect(lines.values == ["first", "second", "third", "fourth", "fifth"])
        #expect(memory.statistics.usedSegments == 0)
        #expect(memory.statistics.openOwners == 0)
    }
}
