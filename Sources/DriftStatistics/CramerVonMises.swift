/// How ``cramerVonMises(_:_:method:)-(SortedSample,SortedSample,_)`` computes its p-value.
///
/// ```swift
/// let result = try cramerVonMises(reference, production, method: .auto)
/// print(result.method)   // .exact when both samples hold at most 20 values
/// ```
public enum CramerVonMisesMethod: String, Sendable, CaseIterable {
    /// `.exact` when both samples hold at most 20 values, `.asymptotic` otherwise (scipy's rule).
    case auto
    /// The permutation distribution of `U`, enumerated over lattice paths
    /// (Xiao, Gordon & Yakovlev 2006). Limited to ``exactStateLimit`` lattice states;
    /// beyond that the test throws instead of running for hours.
    case exact
    /// Anderson's normalisation of `T` and the limiting Cramér–von Mises distribution
    /// (Csörgő & Faraway 1996), exactly as scipy truncates its series.
    case asymptotic

    /// The most lattice states (distinct partial sums, added up over all cells) a forced
    /// `.exact` p-value may enumerate before it is refused: 200 million, a few seconds and at
    /// most a few hundred megabytes.
    ///
    /// The count depends only on the two sample sizes: equal sizes fit up to about 90 each,
    /// coprime sizes up to about 35 (29 and 30 need 53 million states); a refusal comes after
    /// one to two seconds of enumeration in an optimised build, and the `.auto` range
    /// `max(nx, ny) <= 20` needs at most about 4 million. Past the limit
    /// ``cramerVonMises(_:_:method:)-(SortedSample,SortedSample,_)`` throws
    /// ``StatisticsError/invalidArgument(name:reason:)`` naming `method`; it never falls back
    /// to another method silently.
    ///
    /// ```swift
    /// print(CramerVonMisesMethod.exactStateLimit)   // 200000000
    /// ```
    ///
    /// - Complexity: O(1).
    public static let exactStateLimit = 200_000_000
}

/// The outcome of a two-sample Cramér–von Mises test.
///
/// ```swift
/// let result = try cramerVonMises([0.1, 0.4, 0.7], [0.2, 0.9, 1.3, 1.8])
/// if result.pValue < 0.05 { print("drift: T = \(result.statistic)") }
/// ```
public struct CramerVonMisesResult: Sendable, Hashable {
    /// Anderson's `T = U / (nx·ny·N) - (4·nx·ny - 1) / (6N)`, as `scipy.stats.cramervonmises_2samp`.
    public let statistic: Double
    /// The probability, under the null hypothesis of equal distributions, of a statistic at least as large.
    public let pValue: Double
    /// The method actually used (never `.auto`).
    public let method: CramerVonMisesMethod

    @usableFromInline
    internal init(statistic: Double, pValue: Double, method: CramerVonMisesMethod) {
        self.statistic = statistic
        self.pValue = pValue
        self.method = method
    }
}

/// Two-sample Cramér–von Mises test of whether `x` and `y` come from the same distribution.
///
/// Sorts both samples and forwards to
/// ``cramerVonMises(_:_:method:)-(SortedSample,SortedSample,_)``, which documents the
/// statistic and the p-value methods.
///
/// ```swift
/// let result = try cramerVonMises(referenceValues, productionValues)
/// print(result.statistic, result.pValue, result.method)
/// ```
///
/// - Parameters:
///   - x: The first sample (say the reference), at least 2 finite values.
///   - y: The second sample (say production), at least 2 finite values.
///   - method: `.auto` (default), `.exact` or `.asymptotic`.
/// - Returns: The statistic `T`, its p-value and the method used.
/// - Throws: ``StatisticsError/emptySample(sample:)``,
///   ``StatisticsError/nonFiniteValue(sample:index:value:)`` (NaN or ±infinity),
///   ``StatisticsError/sampleTooSmall(sample:count:minimum:)`` for fewer than 2 values, and
///   ``StatisticsError/invalidArgument(name:reason:)`` when `.exact` is forced on samples too
///   large to enumerate.
/// - Complexity: O((n + m) log(n + m)) for sorting plus the p-value (see the `SortedSample` overload).
@inlinable
public func cramerVonMises<T: BinaryFloatingPoint>(
    _ x: [T], _ y: [T], method: CramerVonMisesMethod = .auto
) throws -> CramerVonMisesResult {
    try cramerVonMises(SortedSample(x, label: "x"), SortedSample(y, label: "y"), method: method)
}

/// Two-sample Cramér–von Mises test on samples that are already sorted.
///
/// Matches `scipy.stats.cramervonmises_2samp(x, y, method=...)`. With pooled mid-ranks
/// `r_i` of the sorted `x` and `s_j` of the sorted `y` (ties get average ranks, found in one
/// merge pass), `U = nx·Σ(r_i - i)² + ny·Σ(s_j - j)²` and
/// `T = U / (nx·ny·N) - (4·nx·ny - 1) / (6N)` with `N = nx + ny` (Anderson 1962).
///
/// * `.auto` uses `.exact` iff `max(nx, ny) <= 20`, else `.asymptotic`.
/// * `.exact`: the fraction of the `binom(N, nx)` arrangements whose statistic is at least the
///   observed one, from the lattice-path enumeration of Xiao, Gordon & Yakovlev
///   (J. Stat. Software 17(8), 2006), compared on scipy's floored integer scale (which is how
///   ties enter). It is refused with `invalidArgument` when the enumeration would need more than
///   ``CramerVonMisesMethod/exactStateLimit`` lattice states (equal sizes up to about 90 and
///   coprime sizes up to about 35 fit); use `.asymptotic` there. It never falls back silently.
/// * `.asymptotic`: `tn = 1/6 + (T - E[T]) / √(45 Var[T])` referred to the limiting
///   one-sample distribution through its Bessel-function series, truncated after the first
///   term below 1e-7 exactly as scipy does (so p-values below ~1e-8 are series artefacts;
///   they even rise again for tn > 6). `p = 1` when `tn < 0.003`.
///
/// ```swift
/// let reference = try SortedSample(presorted: storedReference, label: "reference")
/// let production = try SortedSample(todayValues, label: "production")
/// let result = try cramerVonMises(reference, production)
/// ```
///
/// - Parameters:
///   - x: The first sample, at least 2 values.
///   - y: The second sample, at least 2 values.
///   - method: `.auto` (default), `.exact` or `.asymptotic`.
/// - Returns: The statistic `T`, its p-value and the method used.
/// - Throws: ``StatisticsError/sampleTooSmall(sample:count:minimum:)`` when either sample has
///   fewer than 2 values (scipy returns NaN); ``StatisticsError/invalidArgument(name:reason:)``
///   when a forced `.exact` exceeds the enumeration limit.
/// - Complexity: O(nx + ny) for the statistic. Asymptotic p: O(√tn) Bessel evaluations at
///   worst, O(1) in practice. Exact p: proportional to the number of lattice states, at most
///   ``CramerVonMisesMethod/exactStateLimit``.
@inlinable
public func cramerVonMises(
    _ x: SortedSample, _ y: SortedSample, method: CramerVonMisesMethod = .auto
) throws -> CramerVonMisesResult {
    let nx = x.count
    let ny = y.count
    if nx < 2 { throw StatisticsError.sampleTooSmall(sample: x.label, count: nx, minimum: 2) }
    if ny < 2 { throw StatisticsError.sampleTooSmall(sample: y.label, count: ny, minimum: 2) }
    let used: CramerVonMisesMethod
    switch method {
    case .auto: used = max(nx, ny) <= 20 ? .exact : .asymptotic
    case .exact, .asymptotic: used = method
    }
    let (u, statistic) = CramerVonMisesStatistic.compute(x.values, y.values)
    let pValue: Double
    switch used {
    case .exact:
        pValue = try CramerVonMisesExact.pValue(u: u, nx: nx, ny: ny)
    case .asymptotic, .auto:
        pValue = CramerVonMisesAsymptotic.pValue(statistic: statistic, nx: nx, ny: ny)
    }
    return CramerVonMisesResult(statistic: statistic, pValue: pValue, method: used)
}

/// The statistics `U` and `T` of the two-sample Cramér–von Mises test.
@usableFromInline
internal enum CramerVonMisesStatistic {
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
