import Foundation

/// Prints results as an aligned table or as JSON lines (`--json`: one object per line).
public struct BenchmarkReporter {
    public var json: Bool

    public init(json: Bool) { self.json = json }

    public func report(_ result: BenchmarkResult) {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            if let data = try? encoder.encode(result), let line = String(data: data, encoding: .utf8) {
                print(line)
            }
            // Redirected stdout is block-buffered: flush, so long runs show each figure as it comes.
            fflush(nil)
            return
        }
        var line = "\(result.suite) \(result.name)".padding(toLength: 46, withPad: " ", startingAt: 0)
        line += " \(Self.format(result.perSecond)) \(result.unit)"
        if let ratio = result.ratioToBaseline, let baseline = result.baselineName {
            line += String(format: "  (%.2f× %@ at %@)", ratio, baseline, Self.format(result.baselinePerSecond ?? 0))
        }
        if let allocations = result.allocationsPerOperation {
            line += String(format: "  allocs/op %.4f", allocations)
        }
        if let notes = result.notes { line += "  [\(notes)]" }
        print(line)
        fflush(nil)
    }

    /// 123456789 → "123.5M".
    public static func format(_ value: Double) -> String {
        switch value {
        case 1e9...: String(format: "%.2fG", value / 1e9)
        case 1e6...: String(format: "%.1fM", value / 1e6)
        case 1e3...: String(format: "%.1fK", value / 1e3)
        default: String(format: "%.1f", value)
        }
    }
}
