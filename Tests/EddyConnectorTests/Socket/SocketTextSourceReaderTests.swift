import EddyRuntime
import Foundation
import Testing

@testable import Eddy

@Suite struct SocketTextSourceReaderTests {
    /// Polls until `count` records arrived or two seconds passed.
    func poll(
        _ reader: SocketTextSourceReader, _ capture: CapturingOutput<String>, until count: Int
    ) throws -> SourceStatus {
        let deadline = ContinuousClock.now + .seconds(2)
        var status = SourceStatus.nothingAvailable
        while capture.records.count < count && status != .endOfInput && ContinuousClock.now < deadline {
            status = try reader.poll(into: capture.output, budget: 100)
            if status == .nothingAvailable { Thread.sleep(forTimeInterval: 0.001) }
        }
        return status
    }

    @Test func readsLinesSplitAcrossPacketsUntilThePeerCloses() throws {
        let listener = try LoopbackListener()
        let reader = SocketTextSourceReader(host: "127.0.0.1", port: listener.port, chunkSize: 4)
        try reader.open(subtaskIndex: 0, parallelism: 1)
        listener.waitForClient()
        let capture = CapturingOutput<String>()

        #expect(try reader.poll(into: capture.output, budget: 10) == .nothingAvailable)
        listener.send("hello wo")
        listener.send("rld\r\nsecond")
        _ = try poll(reader, capture, until: 1)
        #expect(capture.records == ["hello world"])
        // "second" waits for its newline.
        #expect(try reader.poll(into: capture.output, budget: 10) == .nothingAvailable)
        #expect(capture.records == ["hello world"])

        listener.send(" line\n\nthird\nfour")
        _ = try poll(reader, capture, until: 3)
        #expect(capture.records == ["hello world", "second line", "third"])

        listener.closeClient()
        let status = try poll(reader, capture, until: 5)
        #expect(status == .endOfInput)
        #expect(capture.records == ["hello world", "second line", "third", "four"])
        #expect(try reader.poll(into: capture.output, budget: 10) == .endOfInput)
        #expect(reader.records.value == 4)
    }

    @Test func budgetBoundsOnePoll() throws {
        let listener = try LoopbackListener()
        let reader = SocketTextSourceReader(host: "localhost", port: listener.port)
        try reader.open(subtaskIndex: 0, parallelism: 1)
        listener.waitForClient()
        listener.send((1...10).map { "\($0)\n" }.joined())
        listener.closeClient()
        let capture = CapturingOutput<String>()
        let deadline = ContinuousClock.now + .seconds(2)
        while capture.records.isEmpty && ContinuousClock.now < deadline {
            _ = try reader.poll(into: capture.output, budget: 3)
        }
        #expect(capture.records == ["1", "2", "3"])
        _ = try poll(reader, capture, until: 10)
        #expect(capture.records == (1...10).map(String.init))
    }

    @Test func refusedConnectionNamesHostAndPort() throws {
        let closed = try LoopbackListener(listen: false)
        let reader = SocketTextSourceReader(host: "127.0.0.1", port: closed.port)
        let error = #expect(throws: ConnectorError.self) { try reader.open(subtaskIndex: 0, parallelism: 1) }
        #expect(error?.code == .connect)
        #expect(error?.location == "127.0.0.1:\(closed.port)")
        #expect(error?.description.contains("127.0.0.1:\(closed.port)") == true)
        #expect(error?.description.contains("refused") == true)
    }

    @Test func unresolvableHostIsAConnectError() throws {
        let reader = SocketTextSourceReader(host: "no such host", port: 9)
        let error = #expect(throws: ConnectorError.self) { try reader.open(subtaskIndex: 0, parallelism: 1) }
        #expect(error?.description.contains("no such host:9") == true)
    }

    @Test func onlySubtaskZeroConnects() throws {
        let reader = SocketTextSourceReader(host: "127.0.0.1", port: 1)
        try reader.open(subtaskIndex: 1, parallelism: 2)
        let capture = CapturingOutput<String>()
        #expect(try reader.poll(into: capture.output, budget: 10) == .endOfInput)
    }
}
