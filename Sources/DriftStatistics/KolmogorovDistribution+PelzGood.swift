import Foundation

/// The Pelz–Good (1976) approximation of `P(D_n <= x)`, accurate for large `n`.
///
/// Li-Chien and Korolyuk's expansion `K0(z) + K1(z)/sqrt(n) + K2(z)/n + K3(z)/n^(3/2)` with
/// `z = x sqrt(n)`, each `K_i` rewritten by Pelz and Good through Jacobi's theta transformation
/// into series in `exp(-(2k-1)^2 pi^2 / (8 z^2))` and `exp(-k^2 pi^2 / (2 z^2))` that converge
/// fast for small and moderate `z` (Simard & L'Ecuyer 2011, section 2.3):
///
///     K0 = sqrt(2 pi)/z                 sum exp(-u_k)                   u_k = (2k-1)^2 pi^2 / (8 z^2)
///     K1 = sqrt(pi/2)/(3 z^4)           sum (pi^2 (k-1/2)^2 - z^2) exp(-u_k)
///     K2 = sqrt(pi/2)/(36 z^7)          sum (6z^6 + 2z^4 + pi^2 (2z^4 - 5z^2)(k-1/2)^2
///                                            + pi^4 (1 - 2z^2)(k-1/2)^4) exp(-u_k)
///          - sqrt(pi/2)/(18 z^3)        sum pi^2 k^2 exp(-v_k)          v_k = k^2 pi^2 / (2 z^2)
///     K3 = sqrt(pi/2)/(3240 z^10)       sum (-30z^6 - 90z^8 + pi^2 (135z^4 - 96z^6)(k-1/2)^2
///                                            + pi^4 (212z^4 - 60z^2)(k-1/2)^4
///                                            + pi^6 (5 - 30z^2)(k-1/2)^6) exp(-u_k)
///          + sqrt(pi/2)/(108 z^6)       sum (3 pi^2 k^2 z^2 - pi^4 k^4) exp(-v_k)
///
/// ```swift
/// let cdf = pelzGoodCDF(8571, 0.0062833333333333075)
/// ```
///
/// - Parameters:
///   - n: The sample size.
///   - x: The statistic.
/// - Returns: The approximate CDF (not clipped).
/// - Complexity: O(z) series terms.
@usableFromInline
func pelzGoodCDF(_ n: Int, _ x: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let size = Double(n)
    let z = size.squareRoot() * x
    let z2 = z * z
    let z4 = z2 * z2
    let z6 = z4 * z2
    let z8 = z4 * z4
    let piSquared = Double.pi * Double.pi
    let piFourth = piSquared * piSquared
    let piSixth = piFourth * piSquared
    let halfOddScale = piSquared / (8 * z2)
    // exp(-pi^2 / (8 z^2)) underflows: the CDF is 0 to double precision.
    if halfOddScale > 708 { return 0 }

    var sum0 = 0.0, sum1 = 0.0, sum2 = 0.0, sum3 = 0.0
    var k = 1
    while true {
        let odd = Double(2 * k - 1)
        let odd2 = odd * odd
        let weight = exp(-odd2 * halfOddScale)
        if weight == 0 { break }
        let half2 = odd2 / 4                // (k - 1/2)^2
        let half4 = half2 * half2
        let half6 = half4 * half2
        sum0 += weight
        sum1 += (piSquared * half2 - z2) * weight
        sum2 += (6 * z6 + 2 * z4 + piSquared * (2 * z4 - 5 * z2) * half2
                 + piFourth * (1 - 2 * z2) * half4) * weight
        sum3 += (-30 * z6 - 90 * z8 + piSquared * (135 * z4 - 96 * z6) * half2
                 + piFourth * (212 * z4 - 60 * z2) * half4
                 + piSixth * (5 - 30 * z2) * half6) * weight
        if weight < 1e-300 || (k > 1 && weight < 1e-20 * sum0) { break }
        k += 1
    }
    let integerScale = piSquared / (2 * z2)
    var extra2 = 0.0, extra3 = 0.0
    k = 1
    while true {
        let kk = Double(k * k)
        let weight = exp(-kk * integerScale)
        if weight == 0 { break }
        extra2 += piSquared * kk * weight
        extra3 += (3 * piSquared * kk * z2 - piFourth * kk * kk) * weight
        if weight < 1e-300 || (k > 1 && weight < 1e-20 * extra2 / (piSquared * kk)) { break }
        k += 1
    }
    let rootHalfPi = (Double.pi / 2).squareRoot()
    let k0 = (2 * Double.pi).squareRoot() / z * sum0
    let k1 = rootHalfPi / (3 * z4) * sum1
    let k2 = rootHalfPi / (36 * z6 * z) * sum2 - rootHalfPi / (18 * z2 * z) * extra2
    let k3 = rootHalfPi / (3240 * z8 * z2) * sum3 + rootHalfPi / (108 * z6) * extra3
    let root = size.squareRoot()
    return k0 + k1 / root + k2 / size + k3 / (size * root)
}
