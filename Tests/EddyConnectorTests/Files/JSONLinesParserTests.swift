import EddyRuntime
import Foundation
import Testing

@testable import Eddy

@Suite struct JSONLinesParserTests {
    struct Event: Codable, Equatable {
        var user: Int64
        var page: String
        var tags: [String]?
    }

    @Test func readsJSONLinesWithABadLine() throws {
        let directory = try TemporaryDirectory()
        let text = """
            {"user": 1, "page": "/home"}
            {"user": "two", "page": "/cart"}

            {"page": "/x"}
            not json
            {"user": 3, "page": "/buy", "tags": ["a", 5]}
            {"user": 4, "page": "/done", "tags": ["b"]}
            """
        let path = try directory.write(text, to: "events.jsonl")
        let reader = FileLineSourceReader(path: path, parser: JSONLinesParser<Event>())
        try reader.open(subtaskIndex: 0, parallelism: 1)
        let capture = CapturingOutput<Event>()
        try reader.drain(into: capture.output)

        #expect(capture.records == [Event(user: 1, page: "/home"), Event(user: 4, page: "/done", tags: ["b"])])
        #expect(capture.deadLetters.map(\.line) == [2, 4, 5, 6])
        let reasons = capture.deadLetters.map(\.reason)
        #expect(reasons[0].hasPrefix("field 'user': expected Int64"))
        #expect(reasons[1] == "field 'user': missing")
        #expect(reasons[2].hasPrefix("not valid JSON"))
        #expect(reasons[3].hasPrefix("field 'tags[1]': expected String"))
        #expect(capture.deadLetters[1].raw == "{\"page\": \"/x\"}")
        #expect(reader.deadLetters.value == 4)
    }
}
