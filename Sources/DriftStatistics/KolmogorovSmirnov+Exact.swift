import Foundation

/// The exact two-sample p-value attempt: the re-quantised statistic `h / lcm` and the
/// probability, or `nil` where scipy's exact computation fails and it switches to asymptotic.
@usableFromInline
struct ExactKSAttempt: Sendable {
    @usableFromInline var statistic: Double
    @usableFromInline var probability: Double?
}

/// Power of two by which the lattice recursions are scaled, so that p-values far below the
/// normal range (down to `1e-323`) are carried with full precision until the final unscaling.
@usableFromInline let latticeScaleExponent = 960

/// The exact p-value of the two-sample test, following scipy's `_attempt_exact_2kssamp`.
///
/// `h = round_half_even(D * lcm)`; `h == 0` gives `p = 1`. Two-sided equal sizes use the
/// alternating sum, unequal sizes Hodges' lattice recursion in Viehmann's `1 - p` form;
/// one-sided equal sizes the product formula and unequal sizes lattice path counting, which
/// scipy abandons when `binom(n1 + n2, n1)` overflows a double.
///
/// - Parameters:
///   - statistic: The raw statistic `D`.
///   - n1: Size of the first sample.
///   - n2: Size of the second sample.
///   - leastCommonMultiple: `lcm(n1, n2)`.
///   - alternative: The alternative hypothesis.
/// - Returns: `h / lcm` and the probability, or `nil` probability when scipy would fall back.
@usableFromInline
func exactKSPValue(
    statistic: Double, n1: Int, n2: Int, leastCommonMultiple lcm: Int, alternative: KSAlternative
) -> ExactKSAttempt {
    let h = Int((statistic * Double(lcm)).rounded(.toNearestOrEven))
    let quantised = Double(h) / Double(lcm)
    if h == 0 { return ExactKSAttempt(statistic: quantised, probability: 1) }
    let probability: Double?
    switch (alternative, n1 == n2) {
    case (.twoSided, true):
        probability = twoSidedEqualSizeProbability(n: n1, h: h)
    case (.twoSided, false):
        probability = twoSidedLatticeProbability(n1: n1, n2: n2, h: h)
    case (_, true):
        probability = oneSidedEqualSizeProbability(n: n1, h: h)
    case (_, false):
        probability = binomialOverflowsDouble(n1 + n2, min(n1, n2))
            ? nil : oneSidedLatticeProbability(n1: n1, n2: n2, h: h)
    }
    guard let value = probability, value >= 0, value <= 1 else {
        return ExactKSAttempt(statistic: quantised, probability: nil)
    }
    return ExactKSAttempt(statistic: quantised, probability: value)
}

/// `P(D_{n,n} >= h/n)` for two samples of equal size `n`.
///
/// By reflection, `P = 2 sum_{k>=1} (-1)^(k+1) C(2n, n - kh) / C(2n, n)`. With
/// `r_k = C(2n, n - (k+1)h) / C(2n, n - kh) = prod_{j<h} (n - kh - j) / (n + kh + j + 1)` the
/// sum is evaluated from the innermost term outwards as `2 r_0 (1 - r_1 (1 - r_2 (1 - ...)))`,
/// which avoids the cancellation of the alternating binomials. The operations are ordered as in
/// scipy, so the rare result just above 1 (for example `n = 5, h = 1`) is reproduced and makes
/// the caller switch to the asymptotic method as scipy does.
///
/// - Parameters:
///   - n: The common sample size.
///   - h: `n * D`, between 1 and `n`.
/// - Returns: The probability (may exceed 1 by an ulp).
/// - Complexity: O(n + h).
@usableFromInline
func twoSidedEqualSizeProbability(n: Int, h: Int) -> Double {
    var nested = 0.0
    var k = n / h
    while k >= 0 {
        var ratio = 1.0
        for j in 0..<h {
            ratio = Double(n - k * h - j) * ratio / Double(n + k * h + j + 1)
        }
        nested = ratio * (1.0 - nested)
        k -= 1
    }
    return 2 * nested
}

/// `P(D+_{n,n} >= h/n) = C(2n, n - h) / C(2n, n) = prod_{j<h} (n - j) / (n + j + 1)`.
///
/// - Parameters:
///   - n: The common sample size.
///   - h: `n * D+`, between 1 and `n`.
/// - Returns: The probability.
/// - Complexity: O(h).
@usableFromInline
func oneSidedEqualSizeProbability(n: Int, h: Int) -> Double {
    // Scaled product: the result can be subnormal (n = 540, h = n), its factors never are.
    var product = 1.0
    var exponent = 0
    for j in 0..<h {
        product *= Double(n - j) / Double(n + j + 1)
        if product < 0x1p-512 {
            product *= 0x1p512
            exponent -= 512
        }
    }
    return scalbn(product, exponent)
}

/// `P(max |i/m - j/n| >= h/lcm)` over a uniformly random lattice path from `(0, 0)` to `(m, n)`.
///
/// Hodges' inside method counts the paths that stay strictly inside `|i ng - j mg| < h`
/// (`g = gcd(m, n)`, `mg = m/g`, `ng = n/g`). Viehmann (2021) rewrites it for the complement:
/// with `q(i, j)` the probability that a uniformly random path to `(i, j)` has already left the
/// band, `q = 1` outside the band and inside it
/// `q(i, j) = (i q(i-1, j) + j q(i, j-1)) / (i + j)`, a convex combination of non-negative
/// numbers, so `p = q(m, n)` has no cancellation even when it is tiny. The recursion runs
/// column by column over the band only, scaled by `2^960` so that p-values down to the
/// subnormal range keep their precision.
///
/// - Parameters:
///   - n1: Size of the first sample.
///   - n2: Size of the second sample.
///   - h: `lcm * D`, at least 1.
/// - Returns: The two-sided p-value.
/// - Complexity: O(max(n1, n2) * band width) time, O(min(n1, n2)) memory.
@usableFromInline
func twoSidedLatticeProbability(n1: Int, n2: Int, h: Int) -> Double {
    latticeExitProbability(n1: n1, n2: n2, h: h, twoSided: true)
}

/// `P(max (i/m - j/n) >= h/lcm)` over a uniformly random lattice path: the one-sided exact
/// p-value for unequal sizes (symmetric in the two sizes).
///
/// Counts the lattice paths that reach the boundary `i ng - j mg >= h`, as a probability through
/// the same non-negative recursion as ``twoSidedLatticeProbability(n1:n2:h:)``; the caller
/// reproduces scipy's failure when `binom(n1 + n2, n1)` overflows a double.
///
/// - Parameters:
///   - n1: Size of the first sample.
///   - n2: Size of the second sample.
///   - h: `lcm * D+`, at least 1.
/// - Returns: The one-sided p-value.
/// - Complexity: O(n1 * n2) time, O(min(n1, n2)) memory.
@usableFromInline
func oneSidedLatticeProbability(n1: Int, n2: Int, h: Int) -> Double {
    latticeExitProbability(n1: n1, n2: n2, h: h, twoSided: false)
}

/// The shared band recursion of the lattice p-values (see ``twoSidedLatticeProbability(n1:n2:h:)``).
@usableFromInline
func latticeExitProbability(n1: Int, n2: Int, h: Int, twoSided: Bool) -> Double {
    let m = max(n1, n2)
    let n = min(n1, n2)
    let divisor = greatestCommonDivisor(m, n)
    let mg = m / divisor
    let ng = n / divisor
    let exited = scalbn(1.0, latticeScaleExponent)
    // column[j] holds q(i, j) scaled; outside the band it is `exited`.
    var column = [Double](repeating: exited, count: n + 1)
    return column.withUnsafeMutableBufferPointer { q -> Double in
        // Band of column i: minJ ..< maxJ with |i ng - j mg| < h (upper bound only if two-sided).
        func lowerEnd(_ i: Int) -> Int { min(max(floorDivide(ng * i - h, mg) + 1, 0), n) }
        func upperEnd(_ i: Int) -> Int { twoSided ? min(ceilDivide(ng * i + h, mg), n + 1) : n + 1 }
        var minJ = 0
        var maxJ = upperEnd(0)
        for j in 0..<maxJ { q[j] = 0 }
        for i in 1...m {
            let previousMinJ = minJ
            minJ = lowerEnd(i)
            maxJ = upperEnd(i)
            if maxJ <= minJ { return 1 }
            var j = previousMinJ
            while j < minJ { q[j] = exited; j += 1 }
            let weightI = Double(i)
            var below = minJ == 0 ? 0.0 : exited
            j = minJ
            while j < maxJ {
                let weightJ = Double(j)
                below = (q[j] * weightI + below * weightJ) / Double(i + j)
                q[j] = below
                j += 1
            }
        }
        return scalbn(q[n], -latticeScaleExponent)
    }
}

/// `floor(a / b)` for `b > 0`.
@inlinable func floorDivide(_ a: Int, _ b: Int) -> Int {
    let quotient = a / b
    return (a % b != 0 && a < 0) ? quotient - 1 : quotient
}

/// `ceil(a / b)` for `b > 0`.
@inlinable func ceilDivide(_ a: Int, _ b: Int) -> Int {
    let quotient = a / b
    return (a % b != 0 && a > 0) ? quotient + 1 : quotient
}

/// Whether `binom(total, k)` exceeds the largest finite double (scipy's one-sided exact limit).
///
/// The coefficient is built as a product with a separate binary exponent, so the comparison
/// with `DBL_MAX` is made to about `k` ulps, far closer than any coefficient gets to it.
///
/// - Complexity: O(k).
@usableFromInline
func binomialOverflowsDouble(_ total: Int, _ k: Int) -> Bool {
    let chosen = min(k, total - k)
    var significand = 1.0
    var exponent = 0
    for index in 0..<chosen {
        significand = significand * Double(total - index) / Double(index + 1)
        let scale = significand.exponent
        significand = scalbn(significand, -Int(scale))
        exponent += Int(scale)
        if exponent > 1100 { return true }
    }
    // value = significand * 2^exponent with significand in [1, 2).
    if exponent < 1023 { return false }
    if exponent > 1023 { return true }
    return significand > Double.greatestFiniteMagnitude.significand
}
