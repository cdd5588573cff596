/// Formats rows of integers (`a,b\n`, `a,b,c\n`) into a fixed byte buffer, by hand.
///
/// No `String` per row or per number: digits are written straight into the buffer. The buffer is
/// `capacity + maxRowBytes` long and never grows, so a row can always be appended while `isFull` is
/// false and the owner flushes when it becomes true.
struct IntegerCSVEncoder {
    /// Longest possible row: three `Int64.min` (20 bytes each), two commas and a newline.
    static let maxRowBytes = 3 * 20 + 3

    /// Rows start at index 0; bytes at and after `count` are scratch.
    private(set) var bytes: [UInt8]
    /// How many bytes of `bytes` hold encoded rows.
    private(set) var count = 0
    /// Flush threshold.
    let capacity: Int
    /// `digitPairTable`, held per encoder so the hot loop skips the global's lazy-initialization check.
    private let digitPairs = IntegerCSVEncoder.digitPairTable

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 1)
        bytes = [UInt8](repeating: 0, count: self.capacity + Self.maxRowBytes)
    }

    /// True once the owner should flush `bytes[0..<count]` and call `reset()`.
    var isFull: Bool { count >= capacity }

    /// Forgets the encoded rows (after they were written out).
    mutating func reset() { count = 0 }

    /// Appends the row `a,b,c`.
    ///
    /// - Precondition: `!isFull`, so the row fits in the slack after `capacity`.
    @inline(__always)
    mutating func append(_ a: Int64, _ b: Int64, _ c: Int64) {
        appendInteger(a)
        appendByte(UInt8(ascii: ","))
        appendInteger(b)
        appendByte(UInt8(ascii: ","))
        appendInteger(c)
        appendByte(UInt8(ascii: "\n"))
    }

    /// Appends the row `a,b`.
    ///
    /// - Precondition: `!isFull`.
    @inline(__always)
    mutating func append(_ a: Int64, _ b: Int64) {
        appendInteger(a)
        appendByte(UInt8(ascii: ","))
        appendInteger(b)
        appendByte(UInt8(ascii: "\n"))
    }

    @inline(__always)
    private mutating func appendByte(_ byte: UInt8) {
        bytes[count] = byte
        count += 1
    }

    /// Appends the decimal form of `value`, with a leading '-' when negative.
    @inline(__always)
    private mutating func appendInteger(_ value: Int64) {
        if value < 0 {
            bytes[count] = UInt8(ascii: "-")
            count += 1
        }
        // `magnitude` is a UInt64, so Int64.min needs no special case.
        var rest = value.magnitude
        let digits = Self.decimalDigitCount(rest)
        // Fill from the last digit backwards, two digits per division where possible.
        var position = count + digits
        while rest >= 100 {
            let (quotient, pair) = rest.quotientAndRemainder(dividingBy: 100)
            let pairIndex = Int(pair) &* 2
            position -= 2
            bytes[position] = digitPairs[pairIndex]
            bytes[position + 1] = digitPairs[pairIndex + 1]
            rest = quotient
        }
        if rest >= 10 {
            let pairIndex = Int(rest) &* 2
            bytes[position - 2] = digitPairs[pairIndex]
            bytes[position - 1] = digitPairs[pairIndex + 1]
        } else {
            bytes[position - 1] = UInt8(ascii: "0") &+ UInt8(rest)
        }
        count += digits
    }

    /// Number of decimal digits of `value` (1 for 0).
    @inline(__always)
    static func decimalDigitCount(_ value: UInt64) -> Int {
        var digits = 1
        var bound: UInt64 = 10
        // 20 digits is the most a UInt64 has; wrapping multiply because 10^20 overflows at the end.
        while digits < 20 && value >= bound {
            digits += 1
            bound = bound &* 10
        }
        return digits
    }

    /// "00" "01" ... "99" as 200 ASCII bytes: one table load replaces a division per digit.
    static let digitPairTable: [UInt8] = (0..<100).flatMap { pair -> [UInt8] in
        [UInt8(ascii: "0") + UInt8(pair / 10), UInt8(ascii: "0") + UInt8(pair % 10)]
    }
}
