import Foundation

/// `log` of the smallest positive normal double: scipy's `smirnov` returns exactly 0 once
/// `-2 n x^2` falls below it (cephes `MINLOG`).
@usableFromInline let smirnovMinimumLog = -708.3964185322641

/// Above this size scipy's `smirnov` switches to the approximation `exp(-(6nx + 1)^2 / (18 n))`.
@usableFromInline let smirnovMaximumExactSize = 1_000_000

/// The survival function `P(D+_n >= x)` of the one-sided one-sample Smirnov statistic
/// `D+_n = sup (F_n - F)` (scipy's `scipy.special.smirnov(n, x)`).
///
/// Exact for `n <= 1_000_000` by the Birnbaum–Tingey (1951) sum
///
///     P(D+_n >= x) = x sum_{j=0}^{floor(n(1-x))} C(n, j) (x + j/n)^(j-1) (1 - x - j/n)^(n-j),
///
/// whose terms are all positive. They are summed in log space (`log C(n, j)` by recurrence or
/// Stirling's series, the two bases carried to double-double accuracy), scaled by the largest
/// term. For large `n` only the terms within `e^-45` of the peak (which lies near
/// `j = n (1/2 - x)` and is found by ternary search on the log-concave terms) are summed.
/// Special cases as in scipy: `n = 1`; `n x <= 1` gives `1 - x (1 + x)^(n-1)`; `n x >= n - 1`
/// gives `(1 - x)^n`; `-2 n x^2 < log(DBL_MIN)` gives 0; `n > 10^6` uses
/// `exp(-(6nx + 1)^2 / (18 n))`.
///
/// ```swift
/// let p = smirnovSurvival(25000, 0.0102)   // one tail of kstwo.sf
/// ```
///
/// - Parameters:
///   - n: The sample size, at least 1.
///   - x: The statistic.
/// - Returns: The survival probability in `[0, 1]` (NaN for NaN input or `n < 1`).
/// - Complexity: O(min(n, sqrt(n) log n)) term evaluations.
@usableFromInline
func smirnovSurvival(_ n: Int, _ x: Double) -> Double {
    if x.isNaN || n < 1 { return .nan }
    if x >= 1 { return 0 }
    if x <= 0 { return 1 }
    let size = Double(n)
    if n == 1 { return 1 - x }
    let (nxFloor, nxFraction) = floorOfProduct(size, x)
    if nxFloor == 0 || (nxFloor == 1 && nxFraction == 0) {
        // x <= 1/n: the CDF is x (1 + x)^(n-1).
        return clipProbability(1 - x * exp(Double(n - 1) * log1p(x)))
    }
    if -2 * size * x * x < smirnovMinimumLog { return 0 }
    if nxFloor >= n - 1 {
        return clipProbability(exp(size * log1p(-x)))
    }
    if n > smirnovMaximumExactSize {
        let root = 6.0 * size * x + 1
        let logP = -(root * root) / 18.0 / size
        return clipProbability(logP < -M_LN2 ? exp(logP) : 1 + expm1(logP))
    }
    let lastTerm = n - nxFloor - 1
    let terms = BirnbaumTingeyTerms(n: n, x: x)
    let logSum: Double
    if lastTerm < 4096 {
        logSum = terms.logSumByFullScan(through: lastTerm)
    } else {
        logSum = terms.logSumAroundPeak(through: lastTerm)
    }
    return clipProbability(exp(log(x) + logSum))
}

/// `(floor(a b), a b - floor(a b))` for the exact product (via a fused multiply-add), with a
/// fractional part within an ulp of 1 rounded up as scipy does.
@usableFromInline
func floorOfProduct(_ a: Double, _ b: Double) -> (Int, Double) {
    let high = a * b
    let low = (-high).addingProduct(a, b)
    var whole = high.rounded(.down)
    var fraction = (high - whole) + low
    if fraction < 0 {
        whole -= 1
        fraction += 1
    }
    if fraction >= 1 {
        whole += 1
        fraction -= 1
    }
    return (Int(whole), fraction)
}

/// The logarithms of the Birnbaum–Tingey terms `C(n, j) (x + j/n)^(j-1) (1 - x - j/n)^(n-j)`.
@usableFromInline
struct BirnbaumTingeyTerms {
    @usableFromInline let n: Int
    @usableFromInline let x: Double

    @usableFromInline init(n: Int, x: Double) {
        self.n = n
        self.x = x
    }

    /// `(j - 1) log(x + j/n) + (n - j) log(1 - x - j/n)` with both bases formed in double-double.
    @usableFromInline func logPowers(_ j: Int) -> Double {
        let size = Double(n)
        let quotient = Double(j) / size
        let quotientLow = Double(j).addingProduct(-quotient, size) / size
        // p = x + j/n as (p, pLow)
        let p = x + quotient
        let pBack = p - x
        let pLow = ((x - (p - pBack)) + (quotient - pBack)) + quotientLow
        // w = 1 - p as (w, wLow)
        let w = 1 - p
        let wBack = w - 1
        let wLow = ((1 - (w - wBack)) + (-p - wBack)) - pLow
        // The last term can have 1 - x - j/n within rounding of 0 (n x just below an integer).
        if w + wLow <= 0 { return -.infinity }
        let logP = log(p) + log1p(pLow / p)
        let logW = w > 0 ? log(w) + log1p(wLow / w) : log(w + wLow)
        return Double(j - 1) * logP + Double(n - j) * logW
    }

    /// `log` of the sum of terms `0...last`, walking `j` upwards with `log C(n, j)` by recurrence.
    @usableFromInline func logSumByFullScan(through last: Int) -> Double {
        var logBinomial = DoubleDoubleSum()
        var peak = -Double.infinity
        var scaled = 0.0
        for j in 0...last {
            if j > 0 { logBinomial.add(log(Double(n - j + 1) / Double(j))) }
            let value = logBinomial.adding(logPowers(j))
            accumulate(value, peak: &peak, scaled: &scaled)
        }
        return peak + log(scaled)
    }

    /// `log` of the sum of terms `0...last`, summing outwards from the largest term until the
    /// terms drop below `e^-45` of it.
    @usableFromInline func logSumAroundPeak(through last: Int) -> Double {
        func logTerm(_ j: Int) -> Double { logBinomialCoefficient(n, j) + logPowers(j) }
        var low = 0
        var high = last
        while high - low > 2 {
            let third = (high - low) / 3
            let left = low + third
            let right = high - third
            if logTerm(left) < logTerm(right) { low = left + 1 } else { high = right }
        }
        var top = low
        var topValue = logTerm(low)
        if low < high {
            for j in (low + 1)...high {
                let value = logTerm(j)
                if value > topValue { top = j; topValue = value }
            }
        }
        // Terms relative to the peak. For moderate n x^2 the terms are spread over most of
        // 0...last, so the binomial recurrence runs for up to n steps: its offset from the peak is
        // accumulated in double-double, or the rounding errors of a number of magnitude ~n would
        // random-walk to 1e-8 relative for n = 10^6.
        let topPowers = logPowers(top)
        var sum = 1.0
        var offset = DoubleDoubleSum()
        var j = top
        while j < last {
            offset.add(log(Double(n - j) / Double(j + 1)))
            j += 1
            let relative = offset.adding(logPowers(j) - topPowers)
            if relative < -45 { break }
            sum += exp(relative)
        }
        offset = DoubleDoubleSum()
        j = top
        while j > 0 {
            offset.add(-log(Double(n - j + 1) / Double(j)))
            j -= 1
            let relative = offset.adding(logPowers(j) - topPowers)
            if relative < -45 { break }
            sum += exp(relative)
        }
        return topValue + log(sum)
    }

    /// Streaming log-sum-exp: keeps `sum = scaled * e^peak`.
    @inline(__always) func accumulate(_ value: Double, peak: inout Double, scaled: inout Double) {
        if value == -.infinity { return }
        if value > peak {
            scaled = scaled * exp(peak - value) + 1
            peak = value
        } else {
            scaled += exp(value - peak)
        }
    }
}

/// A running sum carried as an unevaluated pair `high + low` (Knuth's TwoSum), so that long
/// recurrences do not accumulate the rounding errors of a large running value.
@usableFromInline
struct DoubleDoubleSum {
    @usableFromInline var high = 0.0
    @usableFromInline var low = 0.0

    @usableFromInline init() {}

    /// Adds `value` exactly (to double-double precision).
    @inline(__always) @usableFromInline mutating func add(_ value: Double) {
        let total = high + value
        let back = total - high
        low += (high - (total - back)) + (value - back)
        high = total
    }

    /// `high + value + low`, rounded once more than the exact sum.
    @inline(__always) @usableFromInline func adding(_ value: Double) -> Double {
        (high + value) + low
    }
}

/// `log C(n, j)` to a few ulps of its magnitude: an exact-ish product for small `min(j, n - j)`,
/// otherwise Stirling's series written around `j/n` so that the large `n log n` parts cancel
/// analytically rather than numerically.
///
/// - Complexity: O(1) (O(16) for small `min(j, n - j)`).
@usableFromInline
func logBinomialCoefficient(_ n: Int, _ j: Int) -> Double {
    let small = min(j, n - j)
    if small <= 0 { return 0 }
    if small < 16 {
        var sum = 0.0
        for i in 0..<small { sum += log(Double(n - i) / Double(small - i)) }
        return sum
    }
    let size = Double(n)
    let a = Double(small)
    let b = Double(n - small)
    func stirlingCorrection(_ k: Double) -> Double {
        let inverse = 1 / k
        let inverse2 = inverse * inverse
        return inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 * (1.0 / 1260 - inverse2 / 1680)))
    }
    let logTwoPi = log(2 * Double.pi)
    return -(a + 0.5) * log(a / size) - (b + 0.5) * log1p(-a / size) - 0.5 * log(size) - 0.5 * logTwoPi
        + stirlingCorrection(size) - stirlingCorrection(a) - stirlingCorrection(b)
}
