import Foundation

/// The regularised incomplete gamma functions P(a, x) and Q(a, x) = 1 - P(a, x).
///
/// Q(a, x) = Γ(a, x) / Γ(a) is the chi-square survival function: `chi2.sf(s, k) = Q(k/2, s/2)`.
/// The evaluation follows the classical split (Numerical Recipes §6.2; DiDonato & Morris,
/// ACM TOMS 12, 1986, for the careful prefactor):
///
/// * x < a + 1: the power series
///   P(a, x) = x^a e^-x / Γ(a + 1) · Σ_{n>=0} x^n / ((a + 1)(a + 2)...(a + n)),
///   and Q = 1 - P (here Q is never small: Q(a, a + 1) > 0.3 for a >= 1/2);
/// * x >= a + 1: the continued fraction (Legendre)
///   Q(a, x) = x^a e^-x / Γ(a) · 1 / (x + 1 - a - 1(1 - a) / (x + 3 - a - 2(2 - a) / (x + 5 - a - ...))),
///   evaluated with the modified Lentz algorithm, so Q is never formed as 1 - P.
///
/// The prefactor x^a e^-x / Γ(a) is formed in log space and merged with the logarithm of the
/// series or fraction before a single `exp`, so results stay accurate through the subnormal range
/// and underflow to exactly 0 only below the smallest subnormal. For a >= 10 its logarithm is
/// rewritten with Stirling's series as `-a·(λ - 1 - ln λ) + ½ ln(a / 2π) - μ(a)` (λ = x/a, μ the
/// Stirling correction), which avoids the cancellation of `a ln x - x - lgamma(a)` when x ≈ a.
/// Relative accuracy is about 1e-14 for a up to ~1e6 (checked against mpmath).
@usableFromInline
internal enum IncompleteGamma {
    /// Q(a, x) = Γ(a, x) / Γ(a), the regularised upper incomplete gamma function.
    ///
    /// - Parameters:
    ///   - a: The shape, positive and finite.
    ///   - x: The argument, >= 0 (`+infinity` gives 0).
    /// - Returns: Q(a, x) in [0, 1]; NaN when an argument is outside its domain.
    /// - Complexity: O(√a + 1) iterations.
    @usableFromInline
    static func upper(_ a: Double, _ x: Double) -> Double {
        guard a > 0, a.isFinite, x >= 0 else { return .nan }
        if x == 0 { return 1 }
        if x == .infinity { return 0 }
        if x < a + 1 {
            return 1 - seriesP(a, x)
        }
        return continuedFractionQ(a, x)
    }

    /// P(a, x) = γ(a, x) / Γ(a), the regularised lower incomplete gamma function.
    ///
    /// - Parameters:
    ///   - a: The shape, positive and finite.
    ///   - x: The argument, >= 0 (`+infinity` gives 1).
    /// - Returns: P(a, x) in [0, 1]; NaN when an argument is outside its domain.
    /// - Complexity: O(√a + 1) iterations.
    @usableFromInline
    static func lower(_ a: Double, _ x: Double) -> Double {
        guard a > 0, a.isFinite, x >= 0 else { return .nan }
        if x == 0 { return 0 }
        if x == .infinity { return 1 }
        if x < a + 1 {
            return seriesP(a, x)
        }
        return 1 - continuedFractionQ(a, x)
    }

    /// The iteration cap: both expansions need O(√a) terms when x is near a.
    @usableFromInline
    static func iterationLimit(_ a: Double) -> Int {
        2_000 + Int(min(50 * a.squareRoot(), 10_000_000))
    }

    /// P(a, x) from the power series (meant for x < a + 1).
    @usableFromInline
    static func seriesP(_ a: Double, _ x: Double) -> Double {
        var term = 1.0
        var sum = 1.0
        var denominator = a
        let limit = iterationLimit(a)
        var iteration = 0
        while iteration < limit {
            denominator += 1
            term *= x / denominator
            sum += term
            if term <= sum * 1e-17 { break }
            iteration += 1
        }
        // x^a e^-x / Γ(a + 1) = prefactor / a
        return exp(logPrefactor(a, x) + log(sum / a))
    }

    /// Q(a, x) from the continued fraction (meant for x >= a + 1), by modified Lentz.
    @usableFromInline
    static func continuedFractionQ(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var value = b == 0 ? tiny : b
        var c = value
        var d = 0.0
        let limit = iterationLimit(a)
        var index = 1
        while index <= limit {
            let i = Double(index)
            let numerator = -i * (i - a)
            b += 2
            d = b + numerator * d
            if abs(d) < tiny { d = tiny }
            c = b + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = c * d
            value *= delta
            if abs(delta - 1) < 1e-16 { break }
            index += 1
        }
        // Q = prefactor / value, merged in log space so tiny tails keep their digits.
        return exp(logPrefactor(a, x) - log(value))
    }

    /// log(x^a e^-x / Γ(a)), computed without cancellation for large a.
    @usableFromInline
    static func logPrefactor(_ a: Double, _ x: Double) -> Double {
        if a < 10 {
            return a * log(x) - x - lgamma(a)
        }
        // a ln x - x - lgamma(a) = -a (λ - 1 - ln λ) + ½ ln(a / 2π) - μ(a),  λ = x / a
        let t = (x - a) / a  // λ - 1
        return -a * deviance(t) + 0.5 * log(a / (2 * Double.pi)) - stirlingCorrection(a)
    }

    /// `t - ln(1 + t)` (>= 0) to full relative accuracy, also when t is tiny.
    ///
    /// For |t| < 1/2, with r = t/(2 + t): ln(1 + t) = 2 atanh r = 2(r + r³/3 + r⁵/5 + ...) and
    /// t - 2r = r·t, so `t - ln(1 + t) = r·t - 2r³(1/3 + r²/5 + r⁴/7 + ...)` without cancellation.
    @usableFromInline
    static func deviance(_ t: Double) -> Double {
        guard abs(t) < 0.5 else { return t - log1p(t) }
        let r = t / (2 + t)
        let r2 = r * r
        var power = 1.0
        var series = 0.0
        var denominator = 3.0
        while denominator < 80 {
            let term = power / denominator
            series += term
            if term <= 1e-17 * series { break }
            power *= r2
            denominator += 2
        }
        return r * t - 2 * r * r2 * series
    }

    /// μ(a) = lgamma(a) - ((a - ½) ln a - a + ½ ln 2π), from its asymptotic series (a >= 10).
    @usableFromInline
    static func stirlingCorrection(_ a: Double) -> Double {
        let inverse = 1 / a
        let inverse2 = inverse * inverse
        // Coefficients B_{2k} / (2k (2k - 1)), k = 1...7.
        var series = 1.0 / 156.0
        series = series * inverse2 - 691.0 / 360_360.0
        series = series * inverse2 + 1.0 / 1_188.0
        series = series * inverse2 - 1.0 / 1_680.0
        series = series * inverse2 + 1.0 / 1_260.0
        series = series * inverse2 - 1.0 / 360.0
        series = series * inverse2 + 1.0 / 12.0
        return series * inverse
    }
}
