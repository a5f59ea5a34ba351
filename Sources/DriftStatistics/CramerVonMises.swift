/// How ``cramerVonMises(_:_:method:permutations:seed:)-(SortedSample,SortedSample,_,_,_)``
/// computes its p-value.
///
/// ```swift
/// let result = try cramerVonMises(reference, production, method: .auto)
/// print(result.method)   // .exact when both samples hold at most 20 values and there are no ties
/// ```
///
/// Without ties `.auto` is scipy's rule (`.exact` iff `max(nx, ny) <= 20`, else
/// `.asymptotic`), with scipy's numbers. With ties (any value held by two pooled
/// observations) the statistic is computed from its ECDF definition and `.auto` chooses
/// `.exact` (enumerated over counts per value) when `max(nx, ny) <= 20`, `.asymptotic` with
/// tie-aware moments when the data are nearly continuous (no value holds more than
/// ``nearlyContinuousShare`` of the pooled sample), `.permutation` otherwise.
public enum CramerVonMisesMethod: String, Sendable, CaseIterable {
    /// scipy's rule without ties; with ties `.exact` up to 20 values per sample, `.asymptotic`
    /// (tie-aware moments) on nearly continuous data and `.permutation` otherwise.
    case auto
    /// The permutation distribution of `U`, enumerated over lattice paths
    /// (Xiao, Gordon & Yakovlev 2006). Limited to ``exactStateLimit`` lattice states;
    /// beyond that the test throws instead of running for hours. With ties the permutation
    /// distribution of the definitional statistic, enumerated over counts per distinct value,
    /// for samples of at most 20 values.
    case exact
    /// Anderson's normalisation of `T` and the limiting Cramér–von Mises distribution
    /// (Csörgő & Faraway 1996), exactly as scipy truncates its series. With ties the mean and
    /// variance in the normalisation are the tie-aware ones.
    case asymptotic
    /// A seeded, sequential Monte Carlo permutation test (Besag & Clifford 1991) on the counts
    /// per distinct value: each relabelling costs O(distinct values).
    case permutation

    /// The most lattice states (distinct partial sums, added up over all cells) a forced
    /// `.exact` p-value may enumerate before it is refused: 200 million, a few seconds and at
    /// most a few hundred megabytes.
    ///
    /// The count depends only on the two sample sizes: equal sizes fit up to about 90 each,
    /// coprime sizes up to about 35 (29 and 30 need 53 million states); a refusal comes after
    /// one to two seconds of enumeration in an optimised build, and the `.auto` range
    /// `max(nx, ny) <= 20` needs at most about 4 million. Past the limit
    /// ``cramerVonMises(_:_:method:permutations:seed:)-(SortedSample,SortedSample,_,_,_)`` throws
    /// ``StatisticsError/invalidArgument(name:reason:)`` naming `method`; it never falls back
    /// to another method silently.
    ///
    /// ```swift
    /// print(CramerVonMisesMethod.exactStateLimit)   // 200000000
    /// ```
    ///
    /// - Complexity: O(1).
    public static let exactStateLimit = 200_000_000

    /// The default limit on relabellings of the permutation test: 9 999, so the smallest
    /// p-value is 1/10 000.
    ///
    /// ```swift
    /// let result = try cramerVonMises(x, y, permutations: CramerVonMisesMethod.defaultPermutations)
    /// ```
    ///
    /// - Complexity: O(1).
    public static let defaultPermutations = 9_999

    /// The permutation test stops after this many relabelled statistics reached the observed
    /// one (Besag & Clifford's `h`): p = 20 / relabellings drawn.
    ///
    /// ```swift
    /// print(CramerVonMisesMethod.sequentialExceedances)   // 20
    /// ```
    ///
    /// - Complexity: O(1).
    public static let sequentialExceedances = 20

    /// Tied data count as nearly continuous, for `.auto`, when no value holds more than this
    /// share of the pooled sample (1 %).
    ///
    /// ```swift
    /// print(CramerVonMisesMethod.nearlyContinuousShare)   // 0.01
    /// ```
    ///
    /// - Complexity: O(1).
    public static let nearlyContinuousShare = 0.01

    /// The budget of level visits (relabellings × distinct values) of one permutation test:
    /// with `L` distinct values at most `max(999, 50 000 000 / L)` relabellings are drawn, so a
    /// test on 100 000 distinct values with a heavy atom (zero-inflated data) costs at most
    /// about 10⁸ cheap steps.
    ///
    /// ```swift
    /// print(CramerVonMisesMethod.permutationLevelBudget)   // 50000000
    /// ```
    ///
    /// - Complexity: O(1).
    public static let permutationLevelBudget = 50_000_000

    /// The fewest relabellings the level budget may cut the limit to: 999 (smallest p 0.001).
    ///
    /// ```swift
    /// print(CramerVonMisesMethod.minimumBudgetedPermutations)   // 999
    /// ```
    ///
    /// - Complexity: O(1).
    public static let minimumBudgetedPermutations = 999
}

/// The result of a two-sample Cramér–von Mises test.
///
/// ```swift
/// let result = try cramerVonMises([0.1, 0.4, 0.7], [0.2, 0.9, 1.3, 1.8])
/// if result.pValue < 0.05 { print("drift: T = \(result.statistic)") }
/// ```
public struct CramerVonMisesResult: Sendable, Hashable {
    /// `T = nx·ny/N² · Σ over the pooled observations of (F_nx(z) − G_ny(z))²`. Without ties
    /// this is Anderson's `T = U / (nx·ny·N) - (4·nx·ny - 1) / (6N)`, computed as
    /// `scipy.stats.cramervonmises_2samp` does; with ties it is the definition (scipy's
    /// mid-rank formula is not).
    public let statistic: Double
    /// The probability, under the null hypothesis of equal distributions, of a statistic at least as large.
    public let pValue: Double
    /// The method actually used (never `.auto`).
    public let method: CramerVonMisesMethod
    /// The relabellings drawn when `method` is `.permutation`, `nil` otherwise.
    public let permutations: Int?
    /// Whether some value occurs more than once in the pooled sample.
    public let hasTies: Bool

    @usableFromInline
    internal init(
        statistic: Double, pValue: Double, method: CramerVonMisesMethod,
        permutations: Int? = nil, hasTies: Bool = false
    ) {
        self.statistic = statistic
        self.pValue = pValue
        self.method = method
        self.permutations = permutations
        self.hasTies = hasTies
    }
}

/// Two-sample Cramér–von Mises test of whether `x` and `y` come from the same distribution.
///
/// Sorts both samples and forwards to
/// ``cramerVonMises(_:_:method:permutations:seed:)-(SortedSample,SortedSample,_,_,_)``, which
/// documents the statistic and the p-value methods.
///
/// ```swift
/// let result = try cramerVonMises(referenceValues, productionValues)
/// print(result.statistic, result.pValue, result.method)
/// ```
///
/// - Parameters:
///   - x: The first sample (say the reference), at least 2 finite values.
///   - y: The second sample (say production), at least 2 finite values.
///   - method: `.auto` (default), `.exact`, `.asymptotic` or `.permutation`.
///   - permutations: The most relabellings of the permutation test (>= 1).
///   - seed: Seeds the permutation test.
/// - Returns: The statistic `T`, its p-value and the method used.
/// - Throws: ``StatisticsError/emptySample(sample:)``,
///   ``StatisticsError/nonFiniteValue(sample:index:value:)`` (NaN or ±infinity),
///   ``StatisticsError/sampleTooSmall(sample:count:minimum:)`` for fewer than 2 values, and
///   ``StatisticsError/invalidArgument(name:reason:)`` when `.exact` is forced on samples too
///   large to enumerate (with ties: more than 20 values), or `permutations < 1`.
/// - Complexity: O((n + m) log(n + m)) for sorting plus the test (see the `SortedSample` overload).
@inlinable
public func cramerVonMises<T: BinaryFloatingPoint>(
    _ x: [T], _ y: [T], method: CramerVonMisesMethod = .auto,
    permutations: Int = CramerVonMisesMethod.defaultPermutations,
    seed: UInt64 = SplitMix64.defaultSeed
) throws -> CramerVonMisesResult {
    try cramerVonMises(SortedSample(x, label: "x"), SortedSample(y, label: "y"), method: method,
                       permutations: permutations, seed: seed)
}

/// Two-sample Cramér–von Mises test on samples that are already sorted.
///
/// The statistic is `T = nx·ny/N² · Σ (F_nx(z) − G_ny(z))²` over the `N = nx + ny` pooled
/// observations `z` (each counted, so a tied value counts as often as it occurs), with the
/// empirical CDFs `F` of `x` and `G` of `y` (Anderson 1962).
///
/// **Without ties** this matches `scipy.stats.cramervonmises_2samp(x, y, method=...)` to the
/// last digit: `T` comes from Anderson's rank formula `U = nx·Σ(r_i - i)² + ny·Σ(s_j - j)²`,
/// `T = U / (nx·ny·N) - (4·nx·ny - 1) / (6N)` (algebraically the definition), and
///
/// * `.auto` uses `.exact` iff `max(nx, ny) <= 20`, else `.asymptotic`.
/// * `.exact`: the fraction of the `binom(N, nx)` arrangements whose statistic is at least the
///   observed one, from the lattice-path enumeration of Xiao, Gordon & Yakovlev
///   (J. Stat. Software 17(8), 2006). Refused with `invalidArgument` when the enumeration would
///   need more than ``CramerVonMisesMethod/exactStateLimit`` lattice states (equal sizes up to
///   about 90 and coprime sizes up to about 35 fit); use `.asymptotic` there.
/// * `.asymptotic`: `tn = 1/6 + (T - E[T]) / √(45 Var[T])` referred to the limiting
///   one-sample distribution through its Bessel-function series, truncated after the first
///   term below 1e-7 exactly as scipy does (so p-values below ~1e-8 are series artefacts;
///   they even rise again for tn > 6). `p = 1` when `tn < 0.003`.
///
/// **With ties** scipy's mid-rank formula is not the statistic (on integer-valued data it is
/// many times too large and its p-values are false alarms), so `T` is computed from the
/// definition, as an exact integer sum over the distinct values, and
///
/// * `.exact`: the exact permutation p-value, enumerated over the counts per distinct value
///   (each split weighted by its number of relabellings); samples of at most 20 values and at
///   most 300 000 enumeration steps (few ties on 20 vs 19 values need more), else refused
///   with `invalidArgument` (use `.permutation`).
/// * `.permutation`: a seeded Monte Carlo permutation test on the counts per distinct value
///   (a relabelling only redistributes each value's count between the samples: a multivariate
///   hypergeometric draw, O(distinct values)), stopped sequentially after
///   ``CramerVonMisesMethod/sequentialExceedances`` relabelled statistics reached the observed
///   one (Besag & Clifford 1991) or after `permutations` relabellings (fewer when
///   ``CramerVonMisesMethod/permutationLevelBudget`` is exceeded, at least 999). The p-value is
///   never 0: at least `1 / (permutations + 1)`.
/// * `.asymptotic`: Anderson's normalisation with the tie-aware permutation mean and
///   variance of `T`, referred to the same limiting distribution; accurate when no value holds
///   a sizeable share of the data.
/// * `.auto` chooses `.exact` when `max(nx, ny) <= 20` (as without ties) and the enumeration
///   fits its budget, `.asymptotic` when
///   no value holds more than ``CramerVonMisesMethod/nearlyContinuousShare`` of the pooled
///   sample and both samples have more than 20 values, `.permutation` otherwise.
///
/// A forced `.permutation` also works without ties (every value its own level).
///
/// ```swift
/// let reference = try SortedSample(presorted: storedReference, label: "reference")
/// let production = try SortedSample(todayValues, label: "production")
/// let result = try cramerVonMises(reference, production)
/// if result.method == .permutation { print(result.permutations ?? 0) }
/// ```
///
/// - Parameters:
///   - x: The first sample, at least 2 values.
///   - y: The second sample, at least 2 values.
///   - method: `.auto` (default), `.exact`, `.asymptotic` or `.permutation`.
///   - permutations: The most relabellings of the permutation test, >= 1
///     (``CramerVonMisesMethod/defaultPermutations`` by default).
///   - seed: Seeds the relabellings (``SplitMix64/defaultSeed`` by default); the
///     same data, method and seed always give the same result.
/// - Returns: The statistic `T`, its p-value, the method used and, for `.permutation`, the
///   relabellings drawn.
/// - Throws: ``StatisticsError/sampleTooSmall(sample:count:minimum:)`` when either sample has
///   fewer than 2 values (scipy returns NaN); ``StatisticsError/invalidArgument(name:reason:)``
///   when a forced `.exact` exceeds the enumeration limit (with ties: more than 20 values), when
///   `permutations < 1`, or past 2²⁵ pooled values with ties.
/// - Complexity: O(nx + ny) for the statistic. Asymptotic p: O(distinct values) plus O(√tn)
///   Bessel evaluations at worst, O(1) in practice. Exact p: proportional to the number of
///   lattice states, at most ``CramerVonMisesMethod/exactStateLimit``. Permutation p:
///   O(distinct values) per relabelling; about `20 / p` relabellings, at most `permutations`.
public func cramerVonMises(
    _ x: SortedSample, _ y: SortedSample, method: CramerVonMisesMethod = .auto,
    permutations: Int = CramerVonMisesMethod.defaultPermutations,
    seed: UInt64 = SplitMix64.defaultSeed
) throws -> CramerVonMisesResult {
    let nx = x.count
    let ny = y.count
    if nx < 2 { throw StatisticsError.sampleTooSmall(sample: x.label, count: nx, minimum: 2) }
    if ny < 2 { throw StatisticsError.sampleTooSmall(sample: y.label, count: ny, minimum: 2) }
    guard permutations >= 1 else {
        throw StatisticsError.invalidArgument(name: "permutations", reason: "\(permutations), at least 1 needed")
    }
    let hasTies = CramerVonMisesStatistic.hasTies(x.values, y.values)
    if !hasTies && method != .permutation {
        let used: CramerVonMisesMethod = method == .auto ? (max(nx, ny) <= 20 ? .exact : .asymptotic) : method
        let (u, statistic) = CramerVonMisesStatistic.compute(x.values, y.values)
        let pValue = used == .exact
            ? try CramerVonMisesExact.pValue(u: u, nx: nx, ny: ny)
            : CramerVonMisesAsymptotic.pValue(statistic: statistic, nx: nx, ny: ny)
        return CramerVonMisesResult(statistic: statistic, pValue: pValue, method: used)
    }
    let levels = try CramerVonMisesLevels(x.values, y.values)
    // Without ties (a forced permutation test) report scipy's statistic; the relabelled ones
    // are compared on the exact integer scale either way.
    let statistic = hasTies
        ? levels.statistic(fromInteger: levels.observedIntegerStatistic)
        : CramerVonMisesStatistic.compute(x.values, y.values).t
    let nearlyContinuous = Double(levels.largestCount) <= CramerVonMisesMethod.nearlyContinuousShare * Double(levels.pooledCount)
        && min(nx, ny) > 20
    let small = max(nx, ny) <= CramerVonMisesExactTies.maximumSampleSize
    if method == .exact {
        let pValue = try CramerVonMisesExactTies.pValue(levels: levels)
        return CramerVonMisesResult(statistic: statistic, pValue: pValue, method: .exact, hasTies: true)
    }
    // .auto: exact when small and within the enumeration budget, else on to the permutation test.
    if method == .auto && small, let pValue = try? CramerVonMisesExactTies.pValue(levels: levels) {
        return CramerVonMisesResult(statistic: statistic, pValue: pValue, method: .exact, hasTies: true)
    }
    if method == .asymptotic || (method == .auto && nearlyContinuous) {
        let pValue = CramerVonMisesTiedAsymptotic.pValue(statistic: statistic, levels: levels)
        return CramerVonMisesResult(statistic: statistic, pValue: pValue, method: .asymptotic, hasTies: true)
    }
    let sequential = CramerVonMisesPermutation.pValue(levels: levels, permutations: permutations, seed: seed)
    return CramerVonMisesResult(statistic: statistic, pValue: sequential.pValue, method: .permutation,
                                permutations: sequential.permutations, hasTies: hasTies)
}

/// The statistics `U` and `T` of the two-sample Cramér–von Mises test.
@usableFromInline
internal enum CramerVonMisesStatistic {
    /// Whether some value occurs twice in the pooled sample of two ascending samples.
    ///
    /// - Complexity: O(nx + ny), no allocation.
    @usableFromInline
    static func hasTies(_ x: [Double], _ y: [Double]) -> Bool {
        for index in x.indices.dropFirst() where x[index] == x[index - 1] { return true }
        for index in y.indices.dropFirst() where y[index] == y[index - 1] { return true }
        var i = 0
        var j = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] { return true }
            if x[i] < y[j] { i += 1 } else { j += 1 }
        }
        return false
    }

    /// `U` and `T` from two ascending samples, using pooled mid-ranks from one merge pass.
    ///
    /// The squared rank offsets are summed in NumPy's pairwise order so that `U` (and hence the
    /// heavily cancelling `T`) rounds exactly as in scipy even when `U` exceeds 2^53.
    ///
    /// - Parameters:
    ///   - x: Ascending values, at least 1.
    ///   - y: Ascending values, at least 1.
    /// - Returns: `(u, t)`.
    /// - Complexity: O(nx + ny) time and memory.
    @usableFromInline
    static func compute(_ x: [Double], _ y: [Double]) -> (u: Double, t: Double) {
        let nx = x.count
        let ny = y.count
        var squaresX = [Double](repeating: 0, count: nx)
        var squaresY = [Double](repeating: 0, count: ny)
        var i = 0
        var j = 0
        var before = 0  // pooled values ranked before the current tie group
        while i < nx || j < ny {
            let value = (j >= ny || (i < nx && x[i] <= y[j])) ? x[i] : y[j]
            var endX = i
            while endX < nx && x[endX] == value { endX += 1 }
            var endY = j
            while endY < ny && y[endY] == value { endY += 1 }
            let size = (endX - i) + (endY - j)
            // Average of the ranks before+1 ... before+size; a multiple of 1/2, exact.
            let midRank = Double(before) + Double(size + 1) / 2
            for index in i..<endX {
                let offset = midRank - Double(index + 1)
                squaresX[index] = offset * offset
            }
            for index in j..<endY {
                let offset = midRank - Double(index + 1)
                squaresY[index] = offset * offset
            }
            before += size
            i = endX
            j = endY
        }
        let u = Double(nx) * NumPyPairwiseSum.sum(squaresX) + Double(ny) * NumPyPairwiseSum.sum(squaresY)
        let k = Double(nx) * Double(ny)
        let n = Double(nx + ny)
        let t = u / (k * n) - (4 * k - 1) / (6 * n)
        return (u, t)
    }
}
