import Foundation

/// Largest sample size for which ``KSMethod/auto`` uses the exact p-value (scipy's `MAX_AUTO_N`).
@usableFromInline let ksMaximumAutoExactSize = 10_000

/// Picks the statistic for `alternative` and computes the p-value following scipy's dispatch.
///
/// - Parameters:
///   - extrema: `max(F1 - F2)` and `max(F2 - F1)` with their locations.
///   - n1: Size of the first sample.
///   - n2: Size of the second sample.
///   - alternative: The alternative hypothesis.
///   - method: The requested p-value method.
///   - firstLabel: The first sample's label, for the error of a 1-vs-1 asymptotic test.
/// - Returns: The assembled result.
/// - Throws: ``StatisticsError/sampleTooSmall(sample:count:minimum:)`` when the asymptotic
///   two-sided effective size rounds to 0 (one value against one value).
@usableFromInline
func ksTestResult(
    extrema: ECDFExtrema, n1: Int, n2: Int, alternative: KSAlternative, method: KSMethod, firstLabel: String
) throws -> KolmogorovSmirnovResult {
    let minusClipped = min(max(extrema.minus, 0), 1)
    var statistic: Double
    let location: Double
    let sign: Int
    if alternative == .less || (alternative == .twoSided && minusClipped > extrema.plus) {
        statistic = minusClipped
        location = extrema.minusLocation
        sign = -1
    } else {
        statistic = extrema.plus
        location = extrema.plusLocation
        sign = 1
    }

    let divisor = greatestCommonDivisor(n1, n2)
    let reduced1 = n1 / divisor
    let reduced2 = n2 / divisor
    var useExact: Bool
    var fallback = false
    switch method {
    case .auto:
        useExact = max(n1, n2) <= ksMaximumAutoExactSize
    case .exact:
        useExact = true
        // scipy: n1g >= INT32_MAX / n2g switches to the asymptotic method.
        if Double(reduced1) >= Double(Int32.max) / Double(reduced2) {
            useExact = false
            fallback = true
        }
    case .asymptotic:
        useExact = false
    }

    if useExact {
        let leastMultiple = reduced1 * n2
        let attempt = exactKSPValue(
            statistic: statistic, n1: n1, n2: n2, leastCommonMultiple: leastMultiple, alternative: alternative)
        statistic = attempt.statistic
        if let probability = attempt.probability {
            return KolmogorovSmirnovResult(
                statistic: statistic, pValue: min(max(probability, 0), 1), method: .exact,
                exactFallback: false, statisticLocation: location, statisticSign: sign)
        }
        fallback = true
    }

    let probability: Double
    let larger = Double(max(n1, n2))
    let smaller = Double(min(n1, n2))
    let effectiveSize = larger * smaller / (larger + smaller)
    if alternative == .twoSided {
        let rounded = effectiveSize.rounded(.toNearestOrEven)
        guard rounded >= 1 else {
            throw StatisticsError.sampleTooSmall(sample: firstLabel, count: n1, minimum: 2)
        }
        probability = kolmogorovSurvival(Int(rounded), statistic)
    } else {
        probability = hodgesOneSidedPValue(statistic, larger: larger, smaller: smaller)
    }
    return KolmogorovSmirnovResult(
        statistic: statistic, pValue: min(max(probability, 0), 1), method: .asymptotic,
        exactFallback: fallback, statisticLocation: location, statisticSign: sign)
}

/// Hodges' (1958) formula 5.3 for the one-sided two-sample p-value, as scipy uses it.
///
/// With `en = m n / (m + n)` and `z = sqrt(en) d`:
/// `p = exp(-2 z^2 - 2 z (m + 2n) / sqrt(m n (m + n)) / 3)`.
///
/// - Parameters:
///   - statistic: `D+` or `D-`.
///   - larger: The larger sample size `m`.
///   - smaller: The smaller sample size `n`.
/// - Returns: The approximate p-value (not clipped).
@usableFromInline
func hodgesOneSidedPValue(_ statistic: Double, larger m: Double, smaller n: Double) -> Double {
    let effectiveSize = m * n / (m + n)
    let z = effectiveSize.squareRoot() * statistic
    let exponent = -2 * (z * z) - 2 * z * (m + 2 * n) / (m * n * (m + n)).squareRoot() / 3.0
    return exp(exponent)
}

/// The greatest common divisor of two positive integers (Euclid).
@usableFromInline
func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
    var u = a
    var v = b
    while v != 0 { (u, v) = (v, u % v) }
    return u
}
