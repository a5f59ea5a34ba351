import Foundation

/// `P(D_n < x)` by Pomeranz's (1974) recursion over the breakpoints of the Kolmogorov band.
///
/// `D_n < x` holds iff every uniform order statistic satisfies `i/n - x < U_(i) < (i-1)/n + x`,
/// that is, with `N(b)` the number of observations `<= b` (in units of `1/n`, `t = n x`):
/// `N(i - t) <= i - 1` and `N(i - 1 + t) >= i` for `i = 1...n`. Between consecutive breakpoints
/// (the sorted points `i - t` and `i - 1 + t` inside `(0, n)`) an interval of length `delta / n`
/// receives `c` observations with weight `(delta/n)^c / c!`; the multinomial probability of the
/// counts is `n!` times the product of those weights. A dynamic programme over the running count
/// `N` therefore convolves with these Poisson-like weights, enforcing the bounds at each
/// breakpoint, and `P = n! V(n)` at the end. Rows are rescaled by powers of two to stay normal.
///
/// ```swift
/// let cdf = pomeranzCDF(27, 0.3133333333333334)   // 1 - kstwo.sf
/// ```
///
/// - Parameters:
///   - n: The sample size, at least 1.
///   - x: The statistic, with `n x > 1` for efficiency (any `x` in `(0, 1)` is valid).
/// - Returns: The CDF in `[0, 1]`.
/// - Complexity: O(n (n x)^2) time, O(n) memory.
@usableFromInline
func pomeranzCDF(_ n: Int, _ x: Double) -> Double {
    if x >= 1 { return 1 }
    if x <= 0 { return 0 }
    let size = Double(n)
    let t = size * x

    // Breakpoints as two increasing sequences; kept only strictly inside (0, n).
    // Upper constraint at i - t: N <= i - 1.  Lower constraint at i - 1 + t: N >= i.
    var firstUpper = 1
    while firstUpper <= n && Double(firstUpper) - t <= 0 { firstUpper += 1 }
    var lastLower = n
    while lastLower >= 1 && Double(lastLower - 1) + t >= size { lastLower -= 1 }

    var values = [Double](repeating: 0, count: n + 1)
    var next = [Double](repeating: 0, count: n + 1)
    var weights = [Double](repeating: 0, count: n + 1)
    values[0] = 1
    var low = 0          // smallest count with non-zero weight
    var high = 0         // largest count with non-zero weight
    var exponent = 0
    var position = 0.0
    var upperIndex = firstUpper
    var lowerIndex = 1

    while true {
        let upperPosition = upperIndex <= n ? Double(upperIndex) - t : Double.infinity
        let lowerPosition = lowerIndex <= lastLower ? Double(lowerIndex - 1) + t : Double.infinity
        let isUpper = upperPosition <= lowerPosition
        let nextPosition = min(min(upperPosition, lowerPosition), size)
        // The count can grow up to the bound of the next pending upper constraint.
        let cap = upperIndex <= n ? upperIndex - 1 : n

        let delta = (nextPosition - position) / size
        if delta > 0 && cap > low {
            // weights[c] = delta^c / c!
            weights[0] = 1
            let span = cap - low
            if span >= 1 { for c in 1...span { weights[c] = weights[c - 1] * delta / Double(c) } }
            var largest = 0.0
            for target in low...cap {
                var sum = 0.0
                let top = min(target, high)
                if top >= low {
                    for source in low...top { sum += values[source] * weights[target - source] }
                }
                next[target] = sum
                largest = max(largest, sum)
            }
            for index in low...cap { values[index] = next[index] }
            high = cap
            if largest > 0 && largest < 0x1p-128 {
                for index in low...high { values[index] *= 0x1p128 }
                exponent -= 128
            }
        }
        position = nextPosition
        if nextPosition >= size { break }

        if isUpper {
            // N(i - t) <= i - 1
            let bound = upperIndex - 1
            if high > bound {
                for index in (bound + 1)...high { values[index] = 0 }
                high = bound
            }
            upperIndex += 1
        } else {
            // N(i - 1 + t) >= i
            let bound = lowerIndex
            if low < bound {
                for index in low..<min(bound, high + 1) { values[index] = 0 }
                low = bound
            }
            lowerIndex += 1
        }
        if low > high { return 0 }
    }
    guard high >= n, low <= n else { return 0 }
    var answer = values[n]
    for factor in 1...n {
        answer *= Double(factor)
        if answer > 0x1p128 {
            answer *= 0x1p-128
            exponent += 128
        }
    }
    return clipProbability(scalbn(answer, exponent))
}
