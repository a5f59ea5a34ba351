import Foundation

/// The asymptotic p-value of the two-sample Cramér–von Mises statistic.
///
/// Anderson (1962, eqs. 11, 14, 15) gives the mean and variance of `T` under the null,
/// `E = (1 + 1/N)/6` and `V = (N + 1)(4kN - 3(nx² + ny²) - 2k) / (45 N² · 4k)` with
/// `k = nx·ny`; the normalised `tn = 1/6 + (T - E)/√(45V)` is referred to the limiting
/// distribution of the one-sample statistic, whose CDF is (Csörgő & Faraway 1996, eq. 1.3)
///
///     F(x) = Σ_{j>=0} Γ(j + ½) / (Γ(j + 1) π^{3/2} √x) · √(4j + 1) · e^{-q} K_{1/4}(q),
///     q = (4j + 1)² / (16x).
///
/// The series is cut exactly where scipy cuts it: after the first term below 1e-7 (that term
/// included). The truncation error, up to ~1e-7, is part of the reference values: for tn > 6
/// `1 - F` stops falling and rises again (tn = 10 gives 1.8e-9, tn = 1e6 gives 1.1e-5), and
/// matching scipy there requires the same rule.
@usableFromInline
internal enum CramerVonMisesAsymptotic {
    /// Terms below this end the series (scipy's `_cdf_cvm_inf`).
    @usableFromInline static let termThreshold = 1e-7

    /// A safety cap on the number of series terms; the rule above stops long before it
    /// (about 3·√tn terms at worst).
    @usableFromInline static let maximumTerms = 50_000_000

    /// The asymptotic p-value `max(0, 1 - F(tn))`, or 1 when `tn < 0.003`.
    ///
    /// - Parameters:
    ///   - statistic: Anderson's `T`.
    ///   - nx: Size of the first sample.
    ///   - ny: Size of the second sample.
    /// - Returns: The p-value in [0, 1].
    /// - Complexity: O(number of series terms), each one Bessel evaluation.
    @usableFromInline
    static func pValue(statistic: Double, nx: Int, ny: Int) -> Double {
        let tn = normalizedStatistic(statistic, nx: nx, ny: ny)
        // F(0.003) < 1.3e-18, so scipy returns 1 below that.
        guard tn >= 0.003 else { return 1 }
        return max(0, 1 - limitingCDF(tn))
    }

    /// Anderson's normalised statistic `tn = 1/6 + (T - E[T]) / √(45 Var[T])`.
    ///
    /// - Parameters:
    ///   - statistic: `T`.
    ///   - nx: Size of the first sample.
    ///   - ny: Size of the second sample.
    /// - Returns: `tn`.
    @usableFromInline
    static func normalizedStatistic(_ statistic: Double, nx: Int, ny: Int) -> Double {
        let x = Double(nx)
        let y = Double(ny)
        let n = x + y
        let k = x * y
        let mean = (1 + 1 / n) / 6
        var variance = (n + 1) * (4 * k * n - 3 * (x * x + y * y) - 2 * k)
        variance = variance / (45 * n * n * 4 * k)
        return 1.0 / 6.0 + (statistic - mean) / (45 * variance).squareRoot()
    }

    /// The limiting Cramér–von Mises CDF, truncated after the first term below 1e-7.
    ///
    /// - Parameter x: The argument, > 0.
    /// - Returns: The truncated series sum.
    /// - Complexity: O(number of terms).
    @usableFromInline
    static func limitingCDF(_ x: Double) -> Double {
        let scale = pow(Double.pi, 1.5) * x.squareRoot()
        var total = 0.0
        var index = 0
        while index < maximumTerms {
            let j = Double(index)
            let weight = exp(lgamma(j + 0.5) - lgamma(j + 1)) / scale
            let y = 4 * j + 1
            let q = y * y / (16 * x)
            let term = weight * y.squareRoot() * exp(-q) * BesselK.value(order: 0.25, q)
            total += term
            if !(abs(term) >= termThreshold) { break }
            index += 1
        }
        return total
    }
}
