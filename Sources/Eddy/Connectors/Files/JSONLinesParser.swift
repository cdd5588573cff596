import Foundation

/// Decodes one JSON document per line (JSON Lines) into any `Decodable`, with Foundation's
/// `JSONDecoder`.
///
/// Errors name the field by its coding path (`field 'user.id': expected Int64, found a string`), or
/// say the line is not JSON at all. One `Data` is made per line, so this is for moderate rates;
/// the Click CSV parser is the fast path.
public struct JSONLinesParser<Record: Decodable>: LineRecordParser {
    private let decoder: JSONDecoder

    /// - Parameter decoder: configured as needed (date and key strategies); used from one thread.
    public init(decoder: JSONDecoder = JSONDecoder()) {
        self.decoder = decoder
    }

    public func parse(_ line: ArraySlice<UInt8>) throws(RecordParseError) -> Record {
        do {
            return try decoder.decode(Record.self, from: Data(line))
        } catch let error as DecodingError {
            throw RecordParseError(reason: Self.reason(for: error))
        } catch {
            throw RecordParseError(reason: "cannot decode: \(error)")
        }
    }

    /// A one-line reason naming the field of a decoding error.
    static func reason(for error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "field '\(path(context.codingPath + [key]))': missing"
        case .valueNotFound(let type, let context):
            return "field '\(path(context.codingPath))': null or missing where \(type) was expected"
        case .typeMismatch(let type, let context):
            return "field '\(path(context.codingPath))': expected \(type): \(context.debugDescription)"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                let underlying = context.underlyingError.map { ": \($0.localizedDescription)" } ?? ""
                return "not valid JSON: \(context.debugDescription)\(underlying)"
            }
            return "field '\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return "cannot decode: \(error)"
        }
    }

    /// `user.tags[2]`; the empty path (the whole document) is `.`.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key.stringValue == "\(index)" {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text.isEmpty ? "." : text
    }
}
