/// The pooled sample of a two-sample Cramér–von Mises test as counts per distinct value, and
/// the statistic from its ECDF definition.
///
/// With `N = nx + ny` pooled observations `z`, the statistic is (Anderson 1962, eq. 2)
///
///     T = nx·ny / N² · Σ_{pooled z} (F_nx(z) − G_ny(z))²,
///
/// every pooled observation counted once, so a value held by `c` observations contributes `c`
/// times. With `A_k` and `C_k` the numbers of x and of pooled observations at or below the
/// `k`-th distinct value and `c_k` its count, `nx·ny·(F − G) = N·A_k − nx·C_k` is an integer,
/// so `S = Σ_k c_k·(N·A_k − nx·C_k)²` is an exact integer and `T = S / (nx·ny·N²)`. Without
/// ties this is Anderson's rank formula; with ties it is the definition, which the mid-rank
/// formula (scipy's) is not.
@usableFromInline
internal struct CramerVonMisesLevels: Sendable {
    /// The largest pooled size the exact integer sum supports: `S < N⁵ ≤ 2^125`.
    @usableFromInline static let maximumPooledCount = 1 << 25

    /// Pooled observations per distinct value, ascending by value.
    @usableFromInline let counts: [Int]
    /// Observations of the first sample per distinct value.
    @usableFromInline let firstCounts: [Int]
    /// Size of the first sample.
    @usableFromInline let nx: Int
    /// Size of the second sample.
    @usableFromInline let ny: Int
    /// The largest count of one value.
    @usableFromInline let largestCount: Int

    /// The pooled size `N = nx + ny`.
    @usableFromInline var pooledCount: Int { nx + ny }

    /// Whether some value occurs more than once in the pooled sample.
    @usableFromInline var hasTies: Bool { counts.count < pooledCount }

    /// Groups two ascending samples by distinct value in one merge pass.
    ///
    /// - Parameters:
    ///   - x: Ascending values, at least 1.
    ///   - y: Ascending values, at least 1.
    /// - Throws: ``StatisticsError/invalidArgument(name:reason:)`` when `nx + ny` reaches
    ///   ``maximumPooledCount`` (the exact integer statistic could overflow).
    /// - Complexity: O(nx + ny).
    @usableFromInline
    init(_ x: [Double], _ y: [Double]) throws {
        nx = x.count
        ny = y.count
        guard nx + ny < Self.maximumPooledCount else {
            throw StatisticsError.invalidArgument(
                name: "samples",
                reason: "\(nx + ny) pooled values with ties; the Cramér–von Mises tie path supports fewer than "
                    + "\(Self.maximumPooledCount)")
        }
        var counts: [Int] = []
        var firstCounts: [Int] = []
        var largest = 0
        var i = 0
        var j = 0
        while i < nx || j < ny {
            let value = (j >= ny || (i < nx && x[i] <= y[j])) ? x[i] : y[j]
            let startX = i
            while i < nx && x[i] == value { i += 1 }
            let startY = j
            while j < ny && y[j] == value { j += 1 }
            let count = (i - startX) + (j - startY)
            counts.append(count)
            firstCounts.append(i - startX)
            largest = max(largest, count)
        }
        self.counts = counts
        self.firstCounts = firstCounts
        largestCount = largest
    }

    /// `S = Σ_k c_k·(N·A_k − n·C_k)²` for the counts `drawn[k]` of a sample of size `n` per level.
    ///
    /// - Parameters:
    ///   - drawn: Per level, the observations of the sample of size `size`.
    ///   - size: That sample's size (`nx` or `ny`: the sum is the same either way).
    /// - Returns: The exact integer sum.
    /// - Complexity: O(levels).
    @usableFromInline
    func integerStatistic(drawn: [Int], size: Int) -> Int128 {
        let pooled = pooledCount
        var cumulativeDrawn = 0
        var cumulative = 0
        var sum: Int128 = 0
        for (count, taken) in zip(counts, drawn) {
            cumulativeDrawn += taken
            cumulative += count
            let difference = Int128(pooled * cumulativeDrawn - size * cumulative)
            sum += Int128(count) * difference * difference
        }
        return sum
    }

    /// The observed `S` (first sample's counts).
    @usableFromInline
    var observedIntegerStatistic: Int128 { integerStatistic(drawn: firstCounts, size: nx) }

    /// `T = S / (nx·ny·N²)` from the exact integer `S`.
    @usableFromInline
    func statistic(fromInteger sum: Int128) -> Double {
        let pooled = Double(pooledCount)
        return Double(sum) / (Double(nx) * Double(ny)) / (pooled * pooled)
    }
}
