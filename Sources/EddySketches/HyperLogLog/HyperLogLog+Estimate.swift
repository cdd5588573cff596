import Foundation

extension HyperLogLog {
    public func estimate() -> Double { Self.estimateUnion([self]) }

    /// The estimate of the union's registers (their maximum), computed without building it.
    public static func estimateUnion(_ sketches: [HyperLogLog]) -> Double {
        guard let first = sketches.first else { return 0 }
        let q = 64 - first.precision
        var histogram = [Int](repeating: 0, count: q + 2)
        if first.registerBits == 8 && sketches.count <= 2 {
            fastHistogram(sketches, into: &histogram)
        } else {
            for index in 0..<first.registerCount {
                var value: UInt8 = 0
                for sketch in sketches { value = max(value, sketch.register(index)) }
                histogram[Int(value)] += 1
            }
        }
        return ertlEstimate(histogram: histogram, precision: first.precision)
    }

    /// The histogram of 8-bit registers (of one sketch or the maximum of two) over raw bytes.
    static func fastHistogram(_ sketches: [HyperLogLog], into histogram: inout [Int]) {
        let first = sketches[0]
        let count = first.registerMask + 1
        for page in first.segments.indices {
            first.segments[page].withUnsafeBytes { a in
                if sketches.count == 1 {
                    for i in 0..<count { histogram[Int(a[i])] += 1 }
                    return
                }
                sketches[1].segments[page].withUnsafeBytes { b in
                    for i in 0..<count { histogram[Int(max(a[i], b[i]))] += 1 }
                }
            }
        }
    }

    /// Ertl's improved raw estimator: `α∞ m² / (m σ(C₀/m) + Σ Cₖ 2⁻ᵏ + m τ(1 − C_{q+1}/m) 2⁻q)`.
    static func ertlEstimate(histogram: [Int], precision: Int) -> Double {
        let m = Double(1 << precision)
        let q = 64 - precision
        var z = m * tau(1 - Double(histogram[q + 1]) / m)
        for k in stride(from: q, through: 1, by: -1) { z = 0.5 * (z + Double(histogram[k])) }
        z += m * sigma(Double(histogram[0]) / m)
        guard z.isFinite else { return 0 }
        return 0.5 / log(2.0) * m * m / z
    }

    static func sigma(_ x: Double) -> Double {
        if x == 1 { return .infinity }
        var x = x
        var y = 1.0
        var z = x
        while true {
            x *= x
            let previous = z
            z += x * y
            y += y
            if z == previous { return z }
        }
    }

    static func tau(_ x: Double) -> Double {
        if x == 0 || x == 1 { return 0 }
        var x = x
        var y = 1.0
        var z = 1 - x
        while true {
            x = x.squareRoot()
            let previous = z
            y *= 0.5
            z -= (1 - x) * (1 - x) * y
            if z == previous { return z / 3 }
        }
    }
}
