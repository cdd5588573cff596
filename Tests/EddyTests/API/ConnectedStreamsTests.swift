import Eddy
import EddyRuntime
import Foundation
import Testing

@Suite struct ConnectedStreamsTests {
    /// Tags each element with its input, so the output tells which function saw it.
    final class Tagging: CoProcessFunction {
        func processElement1(_ value: Int64, context: CoProcessContext<String>) throws { try context.collect("n\(value)") }
        func processElement2(_ value: String, context: CoProcessContext<String>) throws { try context.collect("s\(value)") }
    }

    @Test(arguments: [1, 2])
    func coProcessMergesTwoTypesAndSeesEveryElementOnce(_ parallelism: Int) throws {
        let environment = StreamExecutionEnvironment()
        environment.parallelism = parallelism
        let numbers = environment.fromCollection(Array(Int64(0)..<3000), name: "numbers", parallelism: parallelism)
        let words = environment.fromCollection((0..<2000).map { "w\($0)" }, name: "words", parallelism: parallelism)
        let result = Collected<String>()
        numbers.connect(words).process(Tagging()).collect(into: result)
        try environment.execute("connect")
        let expected = (0..<3000).map { "n\($0)" } + (0..<2000).map { "sw\($0)" }
        #expect(result.values.sorted() == expected.sorted())
        #expect(result.finishedSubtasks == parallelism)
        #expect(Set(result.entries.map(\.subtask)) == Set(0..<parallelism))
    }

    @Test func coMapMapsEachInputAndKeepsTimestamps() throws {
        let environment = StreamExecutionEnvironment()
        let numbers = environment.fromCollection(Array(Int64(1)...100), name: "numbers", timestamp: { $0 * 10 })
        let doubles = environment.fromCollection((1...50).map { Double($0) / 2 }, name: "doubles", parallelism: 2)
        let result = Collected<Double>()
        numbers.connect(doubles).map(first: { Double($0) }, second: { $0 * -1 }).collect(into: result)
        try environment.execute("coMap")
        let expected = (1...100).map { Double($0) } + (1...50).map { -Double($0) / 2 }
        #expect(result.values.sorted() == expected.sorted())
        for entry in result.entries where entry.value > 0 { #expect(entry.timestamp == Int64(entry.value) * 10) }
        for entry in result.entries where entry.value < 0 { #expect(entry.timestamp == nil) }
    }

    @Test func aThrowingCoFunctionFailsTheJobWithItsRecord() throws {
        struct Boom: Error {}
        let environment = StreamExecutionEnvironment()
        let numbers = environment.fromCollection(Array(Int64(0)..<10), name: "numbers")
        let words = environment.fromCollection(["ok", "bad", "ok"], name: "words")
        numbers.connect(words)
            .map("explode", first: { $0 }, second: { word -> Int64 in
                if word == "bad" { throw Boom() }
                return 0
            })
            .collect(into: Collected<Int64>())
        let failure = #expect(throws: JobFailure.self) { try environment.execute("failing") }
        let userError = failure?.error as? UserFunctionError
        #expect(userError?.operatorName == "explode")
        #expect(userError?.record == "bad")
        #expect(userError?.underlying is Boom)
    }

    @Test func aTwoInputOperatorRunsInATaskOfItsOwn() throws {
        let environment = StreamExecutionEnvironment()
        let a = environment.fromCollection([Int64(1)], name: "a")
        let b = environment.fromCollection([Int64(2)], name: "b")
        a.connect(b).map(first: { $0 }, second: { $0 }).map { $0 }.collect(into: Collected<Int64>())
        let job = try environment.executeAsync("tasks")
        job.waitForCompletion()
        // a | b | coMap -> map -> collect: the co-operator heads a chain, its successors chain to it.
        #expect(job.tasks.count == 3)
        #expect(job.tasks.contains { $0.name.contains("coMap -> map -> collect") })
    }
}
