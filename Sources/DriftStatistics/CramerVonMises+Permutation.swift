/// The permutation p-value of the two-sample Cramér–von Mises statistic on tied data.
///
/// A relabelling of the pooled sample only redistributes each distinct value's count between
/// the two samples: the smaller sample's counts per value follow a multivariate
/// hypergeometric distribution, drawn value by value with ``Hypergeometric`` in O(levels), and
/// the relabelled statistic is the exact integer `S` of ``CramerVonMisesLevels`` (no rounding
/// decides a comparison, which matters for data with two or three values; the running sum is
/// kept in `Double` and only sums within its rounding bound of the observed `S` are recomputed
/// exactly). `S` only grows along the levels, so a relabelling stops as soon as it is certainly
/// above the observed `S`.
///
/// Relabellings are drawn sequentially (Besag & Clifford 1991, "Sequential Monte Carlo
/// p-values", Biometrika 78(2)): stop as soon as ``CramerVonMisesMethod/sequentialExceedances``
/// (`h`) relabelled statistics reached the observed one, after `L` relabellings, with
/// `p = h / L`; when the limit `B` comes first with `s < h` of them, `p = (s + 1) / (B + 1)`.
/// Both are valid p-values (`P(p ≤ α) ≤ α` under the null); unchanged data stops after about
/// `h / p` relabellings, and only data that drifted pays for all `B`.
@usableFromInline
internal enum CramerVonMisesPermutation {
    /// The sequential estimate: the p-value and the relabellings drawn.
    @usableFromInline
    struct SequentialPValue: Sendable {
        @usableFromInline let pValue: Double
        @usableFromInline let permutations: Int
    }

    /// The relabelling after which a table of log-factorials is built for the sampler.
    @usableFromInline static let logFactorialThreshold = 500

    /// The largest pooled size that gets the table (8 bytes per value: 32 MB at most).
    @usableFromInline static let logFactorialLimit = 1 << 22

    /// The most relabellings for `levels` distinct values, given the caller's limit:
    /// `min(limit, max(999, levelBudget / levels))`.
    ///
    /// - Parameters:
    ///   - limit: The caller's `permutations`.
    ///   - levels: Distinct pooled values.
    /// - Returns: The limit `B` actually used.
    @usableFromInline
    static func permutationLimit(_ limit: Int, levels: Int) -> Int {
        min(limit, max(CramerVonMisesMethod.minimumBudgetedPermutations,
                       CramerVonMisesMethod.permutationLevelBudget / max(1, levels)))
    }

    /// The sequential permutation p-value.
    ///
    /// - Parameters:
    ///   - levels: The pooled sample by distinct value.
    ///   - permutations: The limit `B` (>= 1), before ``permutationLimit(_:levels:)``.
    ///   - seed: Seeds the relabellings.
    ///   - exceedances: Besag & Clifford's `h` (``CramerVonMisesMethod/sequentialExceedances``;
    ///     `Int.max` draws all `B`, for tests).
    /// - Returns: The p-value and the number of relabellings drawn.
    /// - Complexity: O(levels) per relabelling, at most ``permutationLimit(_:levels:)`` of them.
    @usableFromInline
    static func pValue(
        levels: CramerVonMisesLevels, permutations: Int, seed: UInt64,
        exceedances target: Int = CramerVonMisesMethod.sequentialExceedances
    ) -> SequentialPValue {
        let limit = permutationLimit(permutations, levels: levels.counts.count)
        let observed = levels.observedIntegerStatistic
        // Draw the smaller sample's counts, so that swapping x and y changes nothing.
        let size = min(levels.nx, levels.ny)
        let pooled = levels.pooledCount
        let counts = levels.counts
        // The running sum in Double: every term is an exact integer below 2^53 squared once,
        // so the sum's relative error is below (levels + 2)·2^-52. Outside that band around
        // the observed S the comparison is decided in Double; inside it S is recomputed exactly.
        let margin = Double(counts.count + 2) * 0x1p-52
        let observedDouble = Double(observed)
        let definitelyAbove = observedDouble * (1 + margin)
        let possiblyAbove = observedDouble * (1 - margin)
        var taken = [Int](repeating: 0, count: counts.count)
        // Tests that run long (drift: all B relabellings) get a table of log-factorials, which
        // saves the inversion sampler nine lgamma calls per draw; short ones never pay for it.
        var logFactorials: [Double]? = nil
        var generator = SplitMix64(seed: seed)
        var exceedances = 0
        var drawn = 0
        while drawn < limit {
            drawn += 1
            if drawn == Self.logFactorialThreshold && pooled <= Self.logFactorialLimit {
                logFactorials = Hypergeometric.logFactorialTable(upTo: pooled)
            }
            let (sum, complete) = taken.withUnsafeMutableBufferPointer { takenBuffer in
                counts.withUnsafeBufferPointer { countBuffer in
                    relabelledSum(
                        counts: countBuffer, taken: takenBuffer, size: size, pooled: pooled,
                        stopAbove: definitelyAbove, logFactorials: logFactorials, using: &generator)
                }
            }
            let reached = !complete
                || (sum >= possiblyAbove && levels.integerStatistic(drawn: taken, size: size) >= observed)
            if reached {
                exceedances += 1
                if exceedances == target {
                    return SequentialPValue(pValue: Double(target) / Double(drawn), permutations: drawn)
                }
            }
        }
        return SequentialPValue(pValue: Double(exceedances + 1) / Double(limit + 1), permutations: drawn)
    }

    /// One relabelling's `S` in `Double`: the smaller sample's count per level drawn into
    /// `taken`, stopping early once the sum exceeds `stopAbove`.
    ///
    /// Runs of single-observation levels (most levels of nearly continuous data) go through a
    /// tight loop of one bounded draw each.
    ///
    /// - Returns: The sum and whether every level was drawn (`false` after an early stop).
    /// - Complexity: O(levels).
    @inline(__always)
    static func relabelledSum(
        counts: UnsafeBufferPointer<Int>, taken: UnsafeMutableBufferPointer<Int>, size: Int, pooled: Int,
        stopAbove: Double, logFactorials: [Double]?, using generator: inout SplitMix64
    ) -> (sum: Double, complete: Bool) {
        var remainingDraws = size
        var remainingPopulation = pooled
        var cumulativeDrawn = 0
        var cumulative = 0
        var sum = 0.0
        var level = 0
        let levelCount = counts.count
        while level < levelCount {
            let count = counts[level]
            if count == 1 && remainingDraws > 0 {
                var drawsLeft = remainingDraws
                var populationLeft = remainingPopulation
                var drawnSoFar = cumulativeDrawn
                var seen = cumulative
                var partial = sum
                while level < levelCount && counts[level] == 1 && drawsLeft > 0 {
                    let draw = generator.nextIndex(below: populationLeft) < drawsLeft ? 1 : 0
                    taken[level] = draw
                    drawsLeft -= draw
                    populationLeft -= 1
                    drawnSoFar += draw
                    seen += 1
                    let difference = Double(pooled * drawnSoFar - size * seen)
                    partial += difference * difference
                    level += 1
                    if partial > stopAbove { return (partial, false) }
                }
                remainingDraws = drawsLeft
                remainingPopulation = populationLeft
                cumulativeDrawn = drawnSoFar
                cumulative = seen
                sum = partial
                continue
            }
            let draw = remainingDraws == 0 ? 0 : Hypergeometric.draw(
                draws: remainingDraws, marked: count, population: remainingPopulation, using: &generator,
                logFactorials: logFactorials)
            taken[level] = draw
            remainingDraws -= draw
            remainingPopulation -= count
            cumulativeDrawn += draw
            cumulative += count
            let difference = Double(pooled * cumulativeDrawn - size * cumulative)
            sum += Double(count) * (difference * difference)
            level += 1
            if sum > stopAbove { return (sum, false) }
        }
        return (sum, true)
    }
}
