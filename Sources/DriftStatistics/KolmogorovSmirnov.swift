/// The alternative hypothesis of a two-sample Kolmogorov–Smirnov test, named as in scipy.
///
/// With `F` the distribution behind the first sample (`x`) and `G` the one behind `y`:
/// `.twoSided` tests `F != G` with `D = max |F_n - G_m|`, `.greater` tests `F > G` somewhere
/// with `D+ = max (F_n - G_m)`, and `.less` tests `F < G` somewhere with `D- = max (G_m - F_n)`.
///
/// ```swift
/// let result = try kolmogorovSmirnov(reference, production, alternative: .greater)
/// ```
public enum KSAlternative: String, Sendable, CaseIterable {
    /// `D = max(D+, D-)`.
    case twoSided = "two-sided"
    /// `D- = max (G_m - F_n)`.
    case less
    /// `D+ = max (F_n - G_m)`.
    case greater
}

/// How the p-value of a two-sample Kolmogorov–Smirnov test is computed, as scipy's `method`.
///
/// ```swift
/// let forced = try kolmogorovSmirnov(x, y, method: .asymptotic)
/// ```
public enum KSMethod: String, Sendable, CaseIterable {
    /// Exact when `max(n1, n2) <= 10000`, asymptotic otherwise.
    case auto
    /// The exact null distribution (falls back to asymptotic where scipy does).
    case exact
    /// The finite-n Kolmogorov distribution (two-sided) or Hodges' formula (one-sided).
    case asymptotic
}

/// The result of ``kolmogorovSmirnov(_:_:alternative:method:)-(SortedSample,SortedSample,_,_)``,
/// field for field what `scipy.stats.ks_2samp` returns.
///
/// ```swift
/// let result = try kolmogorovSmirnov([0.1, 0.4, 0.7], [0.2, 0.9, 1.3, 1.5])
/// print(result.statistic, result.pValue, result.method)
/// ```
public struct KolmogorovSmirnovResult: Sendable, Hashable {
    /// The statistic `D` (or `D+` / `D-`). On the exact path it is re-quantised to `h / lcm(n1, n2)`
    /// exactly as scipy does, so it may differ from the raw ECDF difference by an ulp.
    public let statistic: Double
    /// The p-value, clipped to `[0, 1]`.
    public let pValue: Double
    /// The p-value method actually used: ``KSMethod/exact`` or ``KSMethod/asymptotic``.
    public let method: KSMethod
    /// `true` when the exact p-value was wanted but scipy's rules switched to the asymptotic one
    /// (forced exact with a too large `lcm`, overflowing one-sided path counts, or an exact
    /// probability that came out of `[0, 1]` through rounding).
    public let exactFallback: Bool
    /// The pooled value at which the statistic is first reached (scipy's `statistic_location`).
    public let statisticLocation: Double
    /// `+1` when the statistic is `D+` (x's ECDF above y's), `-1` when it is `D-`.
    public let statisticSign: Int
}

/// The two-sample Kolmogorov–Smirnov test on unsorted arrays, with `scipy.stats.ks_2samp` semantics.
///
/// Sorts both samples (labelled `"x"` and `"y"` in errors) and calls the ``SortedSample``
/// overload; pass ``SortedSample``s directly to reuse a sorted reference or to name the samples.
///
/// ```swift
/// let result = try kolmogorovSmirnov([1.2, 0.3, 2.2, 1.9], [2.5, 3.1, 0.8])
/// if result.pValue < 0.01 { print("drift at \(result.statisticLocation)") }
/// ```
///
/// - Parameters:
///   - x: The first sample (scipy's `data1`; in drift checks the reference). `Float` and other
///     binary floating-point types are converted to `Double` exactly.
///   - y: The second sample (scipy's `data2`; in drift checks the production data).
///   - alternative: The alternative hypothesis; two-sided by default.
///   - method: How to compute the p-value; ``KSMethod/auto`` by default.
/// - Returns: The statistic, p-value, method used and where the statistic is reached.
/// - Throws: ``StatisticsError/emptySample(sample:)`` for an empty sample,
///   ``StatisticsError/nonFiniteValue(sample:index:value:)`` for NaN or ±infinity, and
///   ``StatisticsError/sampleTooSmall(sample:count:minimum:)`` for a forced asymptotic
///   two-sided test of one value against one value (scipy returns NaN there).
/// - Complexity: O((n + m) log(n + m)) for sorting, then as the ``SortedSample`` overload.
@inlinable
public func kolmogorovSmirnov<T: BinaryFloatingPoint>(
    _ x: [T], _ y: [T], alternative: KSAlternative = .twoSided, method: KSMethod = .auto
) throws -> KolmogorovSmirnovResult {
    let first = try SortedSample(x, label: "x")
    let second = try SortedSample(y, label: "y")
    return try kolmogorovSmirnov(first, second, alternative: alternative, method: method)
}

/// The two-sample Kolmogorov–Smirnov test on sorted samples, with `scipy.stats.ks_2samp` semantics.
///
/// The statistic comes from one merge pass over the two sorted arrays, evaluating both ECDFs at
/// every pooled value (ties counted as `searchsorted(..., 'right')` does). The p-value follows
/// scipy's rules: ``KSMethod/auto`` is exact iff `max(n1, n2) <= 10000`; exact two-sided uses the
/// alternating sum (equal sizes) or Hodges' lattice recursion in Viehmann's stable `1 - p`
/// form; exact one-sided uses the product formula (equal sizes) or lattice path counting;
/// asymptotic two-sided is `kstwo.sf(D, round_half_even(n1*n2/(n1+n2)))` and asymptotic
/// one-sided is Hodges' formula 5.3.
///
/// **Ties.** The statistic is exact with ties (it is the ECDF definition). The p-value, exact or
/// asymptotic, is the tie-free null distribution; with ties the statistic can only take the
/// values at the distinct pooled values, so it is stochastically smaller than without ties and
/// the p-value is valid but conservative (Noether 1963; Conover, *Practical Nonparametric
/// Statistics*, §6.3): on integer-valued features KS misses less drift than it claims to, never
/// more. Unlike Cramér–von Mises (see
/// ``cramerVonMises(_:_:method:permutations:seed:)-(SortedSample,SortedSample,_,_,_)``), no
/// formula here assumes distinct values.
///
/// ```swift
/// let reference = try SortedSample(presorted: storedReference, label: "reference")
/// let production = try SortedSample(todaysValues, label: "production")
/// let result = try kolmogorovSmirnov(reference, production)
/// ```
///
/// - Parameters:
///   - x: The first sample (scipy's `data1`, the reference in drift checks).
///   - y: The second sample (scipy's `data2`, the production data).
///   - alternative: The alternative hypothesis; two-sided by default.
///   - method: How to compute the p-value; ``KSMethod/auto`` by default.
/// - Returns: The statistic, p-value, method used and where the statistic is reached.
/// - Throws: ``StatisticsError/sampleTooSmall(sample:count:minimum:)`` for a forced asymptotic
///   two-sided test of one value against one value (scipy returns NaN there).
/// - Complexity: O(n + m) for the statistic; the exact p-value costs O(n + m) for equal sizes
///   and up to O(n * m) otherwise; the asymptotic one at most O(k^3 log n) with small k.
@inlinable
public func kolmogorovSmirnov(
    _ x: SortedSample, _ y: SortedSample, alternative: KSAlternative = .twoSided, method: KSMethod = .auto
) throws -> KolmogorovSmirnovResult {
    let extrema = x.values.withUnsafeBufferPointer { first in
        y.values.withUnsafeBufferPointer { second in
            ecdfExtrema(first, second)
        }
    }
    return try ksTestResult(
        extrema: extrema, n1: x.count, n2: y.count, alternative: alternative, method: method,
        firstLabel: x.label)
}
