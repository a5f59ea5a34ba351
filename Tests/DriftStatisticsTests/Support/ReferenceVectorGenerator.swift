/// The reference vectors' bit-exact generator (`splitmix64-polar-v1`): SplitMix64 bits, a
/// closed-below unit interval, Marsaglia's polar normals and a libm-free logarithm, so arrays
/// regenerate identically on every IEEE-754 platform. Also the tests' seeded source of data.
///
/// Implemented from the specification in `Fixtures/vectors/README.md`, on its own rather than on
/// the library's `DriftStatistics.SplitMix64`: its raw bits are the same (checked in
/// `ReferenceVectorsTests`), but its unit draw is `[0, 1)` where the library's `nextOpenUnit()`
/// is `(0, 1)`, and the vectors must not move if the library's generator ever does. Never let
/// the compiler fuse multiply-adds here: every product and sum is rounded on its own.
struct ReferenceVectorGenerator: RandomNumberGenerator {
    private(set) var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1): the top 53 bits scaled by 2^-53 (exact).
    mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }

    mutating func uniform(count: Int, low: Double, high: Double) -> [Double] {
        let width = high - low
        return (0..<count).map { _ in
            let scaled = width * nextUnit()
            return low + scaled
        }
    }

    /// Marsaglia's polar method; the second value of the last pair is dropped when `count` is odd.
    mutating func normal(count: Int, mean: Double, standardDeviation: Double) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(count + 1)
        while values.count < count {
            let u = 2.0 * nextUnit() - 1.0
            let v = 2.0 * nextUnit() - 1.0
            let uu = u * u
            let vv = v * v
            let s = uu + vv
            if s >= 1.0 || s == 0.0 { continue }
            let factor = ((-2.0 * portableLog(s)) / s).squareRoot()
            let z0 = u * factor
            let z1 = v * factor
            let a0 = standardDeviation * z0
            let a1 = standardDeviation * z1
            values.append(mean + a0)
            values.append(mean + a1)
        }
        if values.count > count { values.removeLast(values.count - count) }
        return values
    }

    mutating func exponential(count: Int, location: Double, scale: Double) -> [Double] {
        (0..<count).map { _ in
            let e = -portableLog(1.0 - nextUnit())
            let scaled = scale * e
            return location + scaled
        }
    }

    /// Integers in `low...high` from the raw 64-bit output, as doubles.
    mutating func integers(count: Int, low: Int, high: Int) -> [Double] {
        let span = UInt64(high - low + 1)
        return (0..<count).map { _ in Double(low + Int(next() % span)) }
    }
}

private let sqrtTwo = Double(bitPattern: 0x3FF6_A09E_667F_3BCD)
private let lnTwo = Double(bitPattern: 0x3FE6_2E42_FEFA_39EF)
private let logSeries: [Double] = (0...12).map { 1.0 / Double(2 * $0 + 1) }

/// ln(x) for positive normal `x` with only + - * /, reproducible bit for bit.
func portableLog(_ x: Double) -> Double {
    let bits = x.bitPattern
    var exponent = Int((bits >> 52) & 0x7FF) - 1023
    var mantissa = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000)
    if mantissa > sqrtTwo { mantissa = mantissa * 0.5; exponent += 1 }
    let t = (mantissa - 1.0) / (mantissa + 1.0)
    let t2 = t * t
    var p = logSeries[12]
    for k in stride(from: 11, through: 0, by: -1) {
        let product = p * t2
        p = product + logSeries[k]
    }
    let a = Double(exponent) * lnTwo
    let b = (2.0 * t) * p
    return a + b
}
