/// A multiple-testing correction for the p-values of many simultaneous tests (one per feature).
///
/// ```swift
/// let adjusted = try adjustedPValues([0.01, 0.04, 0.03, 0.005], method: .holm)
/// // [0.03, 0.06, 0.06, 0.02]
/// ```
///
/// The raw value `"bh"` of ``benjaminiHochberg`` is the name used by
/// `scipy.stats.false_discovery_control(method='bh')` and in configuration files.
public enum PValueCorrection: String, Sendable, CaseIterable {
    /// No correction: the p-values are returned unchanged (after validation).
    case none
    /// Bonferroni: `min(1, p * m)`; controls the family-wise error rate.
    case bonferroni
    /// Holm's step-down procedure: `min(1, max_{i<=j} (m - i + 1) * p_(i))`; controls the
    /// family-wise error rate and is uniformly more powerful than Bonferroni.
    case holm
    /// Benjamini–Hochberg: `min(1, min_{i>=j} p_(i) * (m / i))`; controls the false
    /// discovery rate (independent or positively dependent tests).
    case benjaminiHochberg = "bh"
}

/// Adjusts p-values for multiple testing, returning them in input order.
///
/// With `m` p-values and `p_(1) <= ... <= p_(m)` their stable ascending order:
///
/// - Bonferroni: `min(1, p_i * m)`.
/// - Holm: `min(1, max_{i<=j} (m - i + 1) * p_(i))` (running maximum, step-down).
/// - Benjamini–Hochberg: `min(1, min_{i>=j} p_(i) * (m / i))` (running minimum from the top),
///   bit for bit `scipy.stats.false_discovery_control(p, method='bh')`.
///
/// Tied p-values receive equal adjusted values. A test is rejected at level `alpha` when its
/// adjusted p-value is `<= alpha`.
///
/// ```swift
/// let p = [0.01, 0.04, 0.03, 0.005]
/// let bh = try adjustedPValues(p, method: .benjaminiHochberg)
/// // [0.02, 0.04, 0.04, 0.02] (up to an ulp)
/// let rejected = bh.map { $0 <= 0.05 }
/// ```
///
/// - Parameters:
///   - pValues: The raw p-values, each in `[0, 1]`; subnormal values are fine. May be empty.
///   - method: The correction to apply.
/// - Returns: The adjusted p-values, in the order of `pValues`; empty for empty input.
/// - Throws: ``StatisticsError/invalidArgument(name:reason:)`` when a p-value is NaN or
///   outside `[0, 1]`.
/// - Complexity: O(m log m) for Holm and Benjamini–Hochberg (a sort), O(m) otherwise.
public func adjustedPValues(_ pValues: [Double], method: PValueCorrection) throws -> [Double] {
    for (index, p) in pValues.enumerated() where !(p >= 0 && p <= 1) {
        throw StatisticsError.invalidArgument(
            name: "pValues[\(index)]", reason: "\(p) is not a probability in [0, 1]")
    }
    let m = Double(pValues.count)
    switch method {
    case .none:
        return pValues
    case .bonferroni:
        return pValues.map { min(1, $0 * m) }
    case .holm:
        return holmAdjusted(pValues)
    case .benjaminiHochberg:
        return benjaminiHochbergAdjusted(pValues)
    }
}

/// Indices of `pValues` in stable ascending order of value (ties keep input order).
private func stableAscendingOrder(_ pValues: [Double]) -> [Int] {
    pValues.indices.sorted { left, right in
        pValues[left] < pValues[right] || (pValues[left] == pValues[right] && left < right)
    }
}

/// Holm's step-down adjustment: running maximum of `(m - i + 1) * p_(i)`, capped at 1.
private func holmAdjusted(_ pValues: [Double]) -> [Double] {
    let order = stableAscendingOrder(pValues)
    let m = order.count
    var adjusted = [Double](repeating: 0, count: m)
    var runningMaximum = 0.0
    for (rank, index) in order.enumerated() {
        let multiplier = Double(m - rank)   // m - i + 1 with i = rank + 1
        runningMaximum = max(runningMaximum, multiplier * pValues[index])
        adjusted[index] = min(1, runningMaximum)
    }
    return adjusted
}

/// Benjamini–Hochberg step-up adjustment: running minimum from the top of `p_(i) * (m / i)`,
/// capped at 1.
private func benjaminiHochbergAdjusted(_ pValues: [Double]) -> [Double] {
    let order = stableAscendingOrder(pValues)
    let m = order.count
    var adjusted = [Double](repeating: 0, count: m)
    var runningMinimum = Double.infinity
    for rank in stride(from: m - 1, through: 0, by: -1) {
        let index = order[rank]
        let factor = Double(m) / Double(rank + 1)
        runningMinimum = min(runningMinimum, pValues[index] * factor)
        adjusted[index] = min(1, runningMinimum)
    }
    return adjusted
}
