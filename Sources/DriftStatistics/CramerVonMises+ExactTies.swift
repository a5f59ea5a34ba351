/// The exact permutation p-value of the definitional Cramér–von Mises statistic for small
/// tied samples.
///
/// A relabelling gives the smaller sample `x_k` of the `c_k` observations at the `k`-th
/// distinct value, and `Π_k binom(c_k, x_k)` relabellings give the same counts. Walking the
/// levels in order with the state (smaller-sample observations so far, partial `S`) and
/// weighting each step by `binom(c_k, x_k)` enumerates the whole permutation distribution of
/// the exact integer `S`; `p = weight{S ≥ observed} / binom(N, n)`. The weights are integers
/// below 2^53, so their sums are exact whatever the order.
@usableFromInline
internal enum CramerVonMisesExactTies {
    /// The largest sample the tied exact p-value takes: `.auto`'s exact range.
    @usableFromInline static let maximumSampleSize = 20

    /// The most (state, partial sum) updates one enumeration may make: 300 000, about 20
    /// milliseconds (dictionary updates). Samples with few ties and many distinct partial sums (say 20 vs 19 with one
    /// tie) would need more; `.auto` then uses the permutation test and a forced `.exact` throws.
    @usableFromInline static let updateBudget = 300_000

    /// The exact permutation p-value.
    ///
    /// - Parameter levels: The pooled sample by distinct value, both sizes at most
    ///   ``maximumSampleSize``.
    /// - Returns: The fraction of the `binom(N, nx)` relabellings whose `S` is at least the observed one.
    /// - Throws: ``StatisticsError/invalidArgument(name:reason:)`` past ``maximumSampleSize`` or
    ///   ``updateBudget``.
    /// - Complexity: O(levels · n · distinct partial sums · max count); a few thousand states at 20 vs 20.
    @usableFromInline
    static func pValue(levels: CramerVonMisesLevels) throws -> Double {
        guard max(levels.nx, levels.ny) <= maximumSampleSize else {
            throw StatisticsError.invalidArgument(
                name: "method",
                reason: "the exact Cramér–von Mises p-value for tied data takes samples of at most "
                    + "\(maximumSampleSize) values (got \(levels.nx) and \(levels.ny)); use .permutation (or .auto)")
        }
        let size = min(levels.nx, levels.ny)
        let pooled = levels.pooledCount
        // states[a] = partial S -> number of relabellings, a = smaller-sample observations so far.
        var states: [[Int64: Double]] = Array(repeating: [:], count: size + 1)
        states[0] = [0: 1]
        var cumulative = 0
        var updates = 0
        for count in levels.counts {
            cumulative += count
            var next: [[Int64: Double]] = Array(repeating: [:], count: size + 1)
            for (drawnSoFar, table) in states.enumerated() where !table.isEmpty {
                for taken in 0...min(count, size - drawnSoFar) {
                    let drawn = drawnSoFar + taken
                    // The draws still to come must fit in the observations still to come.
                    guard size - drawn <= pooled - cumulative else { continue }
                    let difference = Int64(pooled * drawn - size * cumulative)
                    let term = Int64(count) * difference * difference
                    let weight = binomial(count, taken)
                    updates += table.count
                    if updates > updateBudget {
                        throw StatisticsError.invalidArgument(
                            name: "method",
                            reason: "the exact Cramér–von Mises p-value for these tied samples needs more than "
                                + "\(updateBudget) enumeration steps; use .permutation (or .auto)")
                    }
                    for (sum, ways) in table {
                        next[drawn][sum + term, default: 0] += ways * weight
                    }
                }
            }
            states = next
        }
        let observed = Int64(levels.observedIntegerStatistic)
        var atLeast = 0.0
        var total = 0.0
        for (sum, ways) in states[size] {
            total += ways
            if sum >= observed { atLeast += ways }
        }
        return atLeast / total
    }

    /// `binom(n, k)` for small arguments, exact in `Double`.
    @usableFromInline
    static func binomial(_ n: Int, _ k: Int) -> Double {
        var result = 1.0
        for index in 0..<min(k, n - k) {
            result = result * Double(n - index) / Double(index + 1)
        }
        return result.rounded()
    }
}
