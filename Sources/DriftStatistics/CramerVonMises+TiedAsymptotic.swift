import Foundation

/// The asymptotic p-value of the definitional Cramér–von Mises statistic on nearly continuous
/// data with ties.
///
/// Under the null, a relabelling makes `A_k` (first-sample observations at or below the
/// `k`-th value) hypergeometric, and `Y_k = (N·A_k − nx·C_k) / √(nx·ny·N)` has the exact
/// covariance `γ_jk = C_j (N − C_k) / (N (N − 1))` for `j ≤ k`, so `T = Σ_k w_k Y_k²` with
/// `w_k = c_k / N` converges to `Σ_k w_k B(u_k)²` for a Brownian bridge `B` at the pooled
/// cumulative shares `u_k` (the limit of Choulakian, Lockhart & Stephens 1994 for discrete
/// distributions). Its mean is exactly `E = Σ_k w_k γ_kk` (the permutation mean; without ties
/// Anderson's `(1 + 1/N)/6`), and its Gaussian-limit variance is `V = 2 Σ_j Σ_k w_j w_k γ_jk²`
/// (O(levels) with prefix sums; without ties Anderson's variance up to O(1/N)).
///
/// When no value holds more than ``CramerVonMisesMethod/nearlyContinuousShare`` of the pooled
/// sample, the weights `w_k` are all small and the limit's eigenvalues are a fine Riemann
/// discretisation of the continuous ones `1/(j²π²)`: its shape is the continuous limit's, and
/// what the ties change is mainly the scale. So Anderson's normalisation is applied with the
/// tie-aware moments, `tn = 1/6 + (T − E)/√(45 V)`, and referred to the same limiting
/// distribution as the tie-free asymptotic (scipy's truncated series). Without ties it is
/// Anderson's normalisation up to O(1/N) in the variance.
@usableFromInline
internal enum CramerVonMisesTiedAsymptotic {
    /// The tie-aware mean and variance of `T` under the null.
    ///
    /// - Parameter levels: The pooled sample by distinct value.
    /// - Returns: `(mean, variance)`.
    /// - Complexity: O(levels).
    @usableFromInline
    static func moments(_ levels: CramerVonMisesLevels) -> (mean: Double, variance: Double) {
        let pooled = Double(levels.pooledCount)
        var cumulative = 0
        var mean = 0.0
        var diagonal = 0.0       // Σ_k w_k² γ_kk²
        var crossTerms = 0.0     // Σ_{j<k} w_j w_k γ_jk²
        var prefix = 0.0         // Σ_{j<k} w_j P_j²
        for count in levels.counts {
            cumulative += count
            let weight = Double(count) / pooled
            let p = Double(cumulative) / pooled                               // P_k = C_k / N
            let q = (pooled - Double(cumulative)) / (pooled - 1)             // Q_k = (N − C_k)/(N − 1)
            let gamma = p * q
            mean += weight * gamma
            diagonal += weight * weight * gamma * gamma
            crossTerms += weight * q * q * prefix
            prefix += weight * p * p
        }
        return (mean, 2 * (diagonal + 2 * crossTerms))
    }

    /// The p-value of the definitional `T`.
    ///
    /// - Parameters:
    ///   - statistic: `T` from ``CramerVonMisesLevels``.
    ///   - levels: The pooled sample by distinct value.
    /// - Returns: `1 − F(tn)` (at least 0), or 1 when `tn < 0.003`.
    /// - Complexity: O(levels) plus the limiting series.
    @usableFromInline
    static func pValue(statistic: Double, levels: CramerVonMisesLevels) -> Double {
        let (mean, variance) = moments(levels)
        guard variance > 0 else { return 1 }
        let tn = 1.0 / 6.0 + (statistic - mean) / (45 * variance).squareRoot()
        guard tn >= 0.003 else { return 1 }
        return max(0, 1 - CramerVonMisesAsymptotic.limitingCDF(tn))
    }
}
