import Foundation

/// The modified Bessel function of the second kind, K_ν(x), for real orders |ν| <= 1.
///
/// The Cramér–von Mises limiting distribution needs K_{1/4}(q) for q from about 1e-8 up to
/// several hundred, to about 1e-15 relative accuracy. Both are evaluated here from the integral
/// representation (DLMF 10.32.9)
///
///     e^x K_ν(x) = ∫_0^∞ exp(-x (cosh t - 1)) cosh(ν t) dt,        x > 0,
///
/// with the trapezoidal rule. The integrand is analytic and decays doubly exponentially on
/// the strip |Im t| < π/2, so the rule converges geometrically in 1/h (Trefethen & Weideman,
/// "The exponentially convergent trapezoidal rule", SIAM Review 56, 2014): with step h the
/// discretisation error is about exp(-2π d / h) · exp(x (1 - cos d)) for any 0 < d < π/2.
/// Taking h = min(0.2, 0.6/√x) keeps that below 1e-21 for every x > 0 (for large x the
/// integrand is a Gaussian of width 1/√x and d ≈ 2π/(h x) is optimal; for small x, d → π/2
/// gives exp(-π²/h)). The sum stops once the integrand is decreasing and its terms fall below
/// 1e-18 of the running sum. `cosh t - 1` is computed as `2 sinh²(t/2)` so there is no
/// cancellation near the peak. Measured against mpmath (30 digits) the relative error is below
/// 1e-15 for x in [1e-10, 800] and ν in {0, 1/4, 1/2, 1}; between 15 (large x) and about 140
/// (x = 1e-10) terms are summed.
///
/// A single method covers every x, which is why it was preferred here to the classical pair
/// of Temme's series (x <= 2) and Steed's continued fraction (x > 2).
@usableFromInline
internal enum BesselK {
    /// e^x K_ν(x): the exponentially scaled function, finite and smooth for every x > 0.
    ///
    /// - Parameters:
    ///   - order: ν, with |ν| <= 1 (K is even in ν).
    ///   - x: The argument; must be positive and finite.
    /// - Returns: e^x K_ν(x); `+infinity` at x = 0 and NaN outside the domain.
    /// - Complexity: O(log(1/x) / h) exponentials: about 15–140 terms.
    @usableFromInline
    static func scaled(order: Double, _ x: Double) -> Double {
        let nu = abs(order)
        guard nu <= 1, x >= 0, x.isFinite else { return .nan }
        if x == 0 { return .infinity }
        let step = min(0.2, 0.6 / x.squareRoot())
        var sum = 0.5  // the t = 0 term, halved: exp(0) * cosh(0) / 2
        var index = 1
        while index < 100_000 {
            let t = Double(index) * step
            let halfSinh = sinh(0.5 * t)
            let term = exp(-x * (2 * halfSinh * halfSinh)) * cosh(nu * t)
            sum += term
            // Past the maximum of exp(-x cosh t + ν t), every later term is smaller.
            if term < 1e-18 * sum && x * sinh(t) > nu { break }
            index += 1
        }
        return step * sum
    }

    /// K_ν(x), the modified Bessel function of the second kind (scipy's `kv(nu, x)`).
    ///
    /// - Parameters:
    ///   - order: ν, with |ν| <= 1.
    ///   - x: The argument; must be positive and finite.
    /// - Returns: K_ν(x) (underflows to 0 for x above about 705); `+infinity` at 0, NaN outside the domain.
    /// - Complexity: As ``scaled(order:_:)``.
    @usableFromInline
    static func value(order: Double, _ x: Double) -> Double {
        let scaledValue = scaled(order: order, x)
        guard scaledValue.isFinite else { return scaledValue }
        return exp(-x) * scaledValue
    }
}
