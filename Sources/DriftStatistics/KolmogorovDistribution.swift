import Foundation

/// The survival function `P(D_n >= x)` of the two-sided one-sample Kolmogorov statistic
/// `D_n = sup |F_n - F|` for a sample of size `n` (scipy's `kstwo.sf(x, n)`).
///
/// Dispatches between exact and approximate methods as Simard & L'Ecuyer (2011) recommend and
/// scipy implements:
/// - `x >= 1`: 0; `x <= 0.5 / n`: 1 (outside the support);
/// - `n x <= 1` or `n x >= n - 1`: the Ruben–Gambino closed forms;
/// - `x >= 0.5`: `2 smirnov(n, x)` (exact there, the two one-sided events are disjoint);
/// - `n <= 140`: Durbin's matrix (Marsaglia–Tsang–Wang) for `n x^2 <= 0.754693`, Pomeranz's
///   recursion for `n x^2 <= 4`, else `2 smirnov(n, x)`;
/// - `n > 140`: exactly 0 for `n x^2 >= 370`, `2 smirnov(n, x)` for `n x^2 >= 2.2`, otherwise
///   `1 - CDF` with Durbin's matrix when `n <= 100000` and `n x^1.5 <= 1.4`, else Pelz–Good.
///
/// ```swift
/// let p = kolmogorovSurvival(27, 0.3133333333333334)   // 0.00745454...
/// ```
///
/// - Parameters:
///   - n: The sample size, at least 1.
///   - x: The statistic.
/// - Returns: The survival probability in `[0, 1]`.
/// - Complexity: O(1) to O(k^3 log n) with `k = ceil(n x)` (Durbin), O(n (n x)^2) (Pomeranz)
///   or O(sqrt(n)) terms (Smirnov).
@usableFromInline
func kolmogorovSurvival(_ n: Int, _ x: Double) -> Double {
    if x.isNaN || n < 1 { return .nan }
    if x >= 1 { return 0 }
    if x <= 0.5 / Double(n) { return 1 }
    let size = Double(n)
    let t = size * x
    if t <= 1 {
        return clipProbability(1 - rubenGambinoLowerCDF(n, t))
    }
    if t >= size - 1 {
        return clipProbability(2 * pow(1 - x, size))
    }
    if x >= 0.5 {
        return clipProbability(2 * smirnovSurvival(n, x))
    }
    let nxSquared = t * x
    if n <= 140 {
        if nxSquared <= 0.754693 {
            return clipProbability(1 - durbinMatrixCDF(n, x))
        }
        if nxSquared <= 4 {
            return clipProbability(1 - pomeranzCDF(n, x))
        }
        return clipProbability(2 * smirnovSurvival(n, x))
    }
    if nxSquared >= 370 { return 0 }
    if nxSquared >= 2.2 {
        return clipProbability(2 * smirnovSurvival(n, x))
    }
    let cdf: Double
    if n <= 100_000 && size * pow(x, 1.5) <= 1.4 {
        cdf = durbinMatrixCDF(n, x)
    } else {
        cdf = pelzGoodCDF(n, x)
    }
    return clipProbability(1 - cdf)
}

/// `P(D_n <= x)` for `1/(2n) <= x <= 1/n` (Ruben & Gambino 1982): `n!/n^n (2 n x - 1)^n`.
///
/// - Parameters:
///   - n: The sample size.
///   - t: `n x`, in `(0.5, 1]`.
/// - Returns: The CDF (0 for `t <= 0.5`).
/// - Complexity: O(n).
@usableFromInline
func rubenGambinoLowerCDF(_ n: Int, _ t: Double) -> Double {
    if t <= 0.5 { return 0 }
    let base = 2 * t - 1
    let size = Double(n)
    var product = 1.0
    for i in 1...n {
        product *= Double(i) / size * base
        if product == 0 { break }
    }
    return product
}

/// Clips a probability to `[0, 1]` (NaN stays NaN).
@inlinable
func clipProbability(_ p: Double) -> Double {
    p.isNaN ? p : min(max(p, 0), 1)
}
