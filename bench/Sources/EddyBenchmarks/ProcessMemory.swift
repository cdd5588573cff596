import Foundation

/// Resident memory of this process, from /proc (Linux).
public enum ProcessMemory {
    /// Current resident set size in bytes (VmRSS), or nil where /proc is missing.
    public static var residentBytes: Int? { field("VmRSS:") }
    /// Peak resident set size in bytes (VmHWM).
    public static var peakResidentBytes: Int? { field("VmHWM:") }

    private static func field(_ name: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }
}
