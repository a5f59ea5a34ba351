/// Count, mean, variance, minimum and maximum of a stream of values, updated one value at a
/// time (Welford) and mergeable across partitions (Chan, Golub & LeVeque).
///
/// Both updates are numerically stable: the mean and the sum of squared deviations are carried
/// directly instead of the raw sums `Σx` and `Σx²`, and the running mean is kept relative to
/// the first value seen (a shift, exact for nearby values), so a column such as `1e9 + noise`
/// keeps its variance to nearly full precision instead of losing it to cancellation. Reference profiles store one of these
/// per numeric feature; partial profiles built on separate chunks are combined with
/// ``merge(_:)``.
///
/// ```swift
/// var stats = SummaryStatistics([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
/// stats.mean               // 5.0
/// stats.standardDeviation  // 2.0 (population, ddof 0)
/// stats.add(11)
/// stats.count              // 9
/// ```
///
/// NaN and ±infinity are not folded into the moments: they are counted in
/// ``nonFiniteCount`` and otherwise ignored, so nothing is lost silently and no moment
/// becomes NaN. An empty accumulator has `count == 0`, mean and variance 0,
/// `minimum == +infinity` and `maximum == -infinity` (the identities of ``merge(_:)``).
public struct SummaryStatistics: Sendable, Hashable {
    /// The number of finite values added.
    public internal(set) var count: Int
    /// The arithmetic mean of the finite values (0 when ``count`` is 0).
    ///
    /// ```swift
    /// SummaryStatistics([1e9 + 1, 1e9 + 2]).mean   // 1000000001.5
    /// ```
    ///
    /// - Complexity: O(1).
    public var mean: Double {
        guard count > 0 else { return 0 }
        // Clamped so that rounding can never put the mean outside the data's range.
        return min(max(shift + shiftedMean, minimum), maximum)
    }
    /// The first value added (0 when empty): the origin of ``shiftedMean``.
    @usableFromInline internal var shift: Double
    /// The mean of `x - shift`; small when the data sit near their first value, so it keeps
    /// digits that a mean near `1e9` would round away.
    @usableFromInline internal var shiftedMean: Double
    /// `Σ (x - mean)²` over the finite values (Welford's `M2`; 0 when ``count`` < 2).
    ///
    /// It is `+infinity` when the spread of the data overflows a `Double`.
    public internal(set) var sumOfSquaredDeviations: Double
    /// The smallest finite value (`+infinity` when ``count`` is 0).
    public internal(set) var minimum: Double
    /// The largest finite value (`-infinity` when ``count`` is 0).
    public internal(set) var maximum: Double
    /// The number of NaN or ±infinity values that were passed in and left out of the moments.
    public internal(set) var nonFiniteCount: Int

    /// An empty accumulator.
    ///
    /// ```swift
    /// var stats = SummaryStatistics()
    /// for value in [1.0, 2.0, 3.0] { stats.add(value) }
    /// stats.mean   // 2.0
    /// ```
    ///
    /// - Complexity: O(1).
    public init() {
        count = 0
        shift = 0
        shiftedMean = 0
        sumOfSquaredDeviations = 0
        minimum = .infinity
        maximum = -.infinity
        nonFiniteCount = 0
    }

    /// The statistics of `values`, added in order with Welford's update.
    ///
    /// ```swift
    /// let stats = SummaryStatistics([Float(1), 2, 3, 4])
    /// stats.variance        // 1.25
    /// stats.sampleVariance  // Optional(1.666...)
    /// ```
    ///
    /// - Parameter values: The observations. `Float`, `Double` and other binary floating-point
    ///   types are converted to `Double`; NaN and ±infinity are counted in ``nonFiniteCount``.
    /// - Complexity: O(n).
    @inlinable
    public init<T: BinaryFloatingPoint>(_ values: [T]) {
        self.init()
        for value in values {
            add(Double(value))
        }
    }

    /// Rebuilds statistics from stored fields (for example from a saved reference profile).
    ///
    /// ```swift
    /// let stored = SummaryStatistics([1.0, 2.0, 3.0])
    /// let rebuilt = try SummaryStatistics(
    ///     count: stored.count, mean: stored.mean,
    ///     sumOfSquaredDeviations: stored.sumOfSquaredDeviations,
    ///     minimum: stored.minimum, maximum: stored.maximum,
    ///     nonFiniteCount: stored.nonFiniteCount)
    /// rebuilt == stored   // true
    /// ```
    ///
    /// - Parameters:
    ///   - count: The number of finite values, `>= 0`.
    ///   - mean: Their mean (finite, within `minimum...maximum`; 0 when `count` is 0).
    ///   - sumOfSquaredDeviations: `Σ (x - mean)²`, `>= 0` (may be `+infinity`; 0 when `count` < 2).
    ///   - minimum: The smallest value (`+infinity` when `count` is 0).
    ///   - maximum: The largest value (`-infinity` when `count` is 0).
    ///   - nonFiniteCount: The number of non-finite values seen, `>= 0`.
    /// - Throws: ``StatisticsError/invalidArgument(name:reason:)`` when the fields are not
    ///   consistent with the description above.
    /// - Complexity: O(1).
    public init(
        count: Int, mean: Double, sumOfSquaredDeviations: Double,
        minimum: Double, maximum: Double, nonFiniteCount: Int = 0
    ) throws {
        guard count >= 0 else {
            throw StatisticsError.invalidArgument(name: "count", reason: "\(count) is negative")
        }
        guard nonFiniteCount >= 0 else {
            throw StatisticsError.invalidArgument(name: "nonFiniteCount", reason: "\(nonFiniteCount) is negative")
        }
        if count == 0 {
            guard mean == 0, sumOfSquaredDeviations == 0, minimum == .infinity, maximum == -.infinity else {
                throw StatisticsError.invalidArgument(
                    name: "SummaryStatistics",
                    reason: "an empty accumulator needs mean 0, sumOfSquaredDeviations 0, minimum +inf, maximum -inf")
            }
        } else {
            guard minimum.isFinite, maximum.isFinite, minimum <= maximum else {
                throw StatisticsError.invalidRange(lower: minimum, upper: maximum)
            }
            guard mean.isFinite, mean >= minimum, mean <= maximum else {
                throw StatisticsError.invalidArgument(
                    name: "mean", reason: "\(mean) is not within [\(minimum), \(maximum)]")
            }
            guard sumOfSquaredDeviations >= 0, !sumOfSquaredDeviations.isNaN,
                  count > 1 || sumOfSquaredDeviations == 0
            else {
                throw StatisticsError.invalidArgument(
                    name: "sumOfSquaredDeviations",
                    reason: "\(sumOfSquaredDeviations) must be >= 0 (and 0 for a single value)")
            }
        }
        self.count = count
        self.shift = mean
        self.shiftedMean = 0
        self.sumOfSquaredDeviations = sumOfSquaredDeviations
        self.minimum = minimum
        self.maximum = maximum
        self.nonFiniteCount = nonFiniteCount
    }

    /// The population variance `M2 / n` (ddof 0, as `numpy.var`); 0 when ``count`` is 0.
    ///
    /// ```swift
    /// SummaryStatistics([1.0, 3.0]).variance   // 1.0
    /// ```
    ///
    /// - Complexity: O(1).
    @inlinable
    public var variance: Double {
        count > 0 ? sumOfSquaredDeviations / Double(count) : 0
    }

    /// The sample variance `M2 / (n - 1)` (ddof 1); `nil` when ``count`` < 2.
    ///
    /// ```swift
    /// SummaryStatistics([1.0, 3.0]).sampleVariance   // Optional(2.0)
    /// ```
    ///
    /// - Complexity: O(1).
    @inlinable
    public var sampleVariance: Double? {
        count > 1 ? sumOfSquaredDeviations / Double(count - 1) : nil
    }

    /// The population standard deviation, `sqrt(variance)` (ddof 0, as `numpy.std`).
    ///
    /// ```swift
    /// SummaryStatistics([1.0, 3.0]).standardDeviation   // 1.0
    /// ```
    ///
    /// - Complexity: O(1).
    @inlinable
    public var standardDeviation: Double {
        variance.squareRoot()
    }

    /// The sample standard deviation, `sqrt(sampleVariance)` (ddof 1); `nil` when ``count`` < 2.
    ///
    /// ```swift
    /// SummaryStatistics([1.0, 3.0]).sampleStandardDeviation   // Optional(1.414...)
    /// ```
    ///
    /// - Complexity: O(1).
    @inlinable
    public var sampleStandardDeviation: Double? {
        sampleVariance?.squareRoot()
    }

    /// Whether two accumulators hold the same statistics (count, mean, sum of squared deviations,
    /// minimum, maximum, non-finite count), however the mean is represented internally.
    ///
    /// ```swift
    /// SummaryStatistics([1.0, 2.0]) == SummaryStatistics([1.0, 2.0])   // true
    /// ```
    ///
    /// - Parameters:
    ///   - lhs: One accumulator.
    ///   - rhs: Another accumulator.
    /// - Returns: `true` when every public statistic is equal.
    /// - Complexity: O(1).
    public static func == (lhs: SummaryStatistics, rhs: SummaryStatistics) -> Bool {
        lhs.count == rhs.count && lhs.mean == rhs.mean
            && lhs.sumOfSquaredDeviations == rhs.sumOfSquaredDeviations
            && lhs.minimum == rhs.minimum && lhs.maximum == rhs.maximum
            && lhs.nonFiniteCount == rhs.nonFiniteCount
    }

    /// Hashes the public statistics (consistent with ``==(_:_:)``).
    ///
    /// ```swift
    /// let unique = Set([SummaryStatistics([1.0]), SummaryStatistics([1.0])])   // 1 element
    /// ```
    ///
    /// - Parameter hasher: The hasher to feed.
    /// - Complexity: O(1).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        hasher.combine(mean)
        hasher.combine(sumOfSquaredDeviations)
        hasher.combine(minimum)
        hasher.combine(maximum)
        hasher.combine(nonFiniteCount)
    }
}
