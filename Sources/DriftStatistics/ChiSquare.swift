/// The result of a chi-square test of homogeneity on a contingency table.
///
/// ```swift
/// let result = try chiSquareHomogeneity(reference: [120, 80, 40], production: [90, 95, 55])
/// print(result.statistic, result.pValue, result.degreesOfFreedom)
/// ```
public struct ChiSquareResult: Sendable, Hashable {
    /// Pearson's statistic `Σ (observed - expected)² / expected` (0 when there are no degrees of freedom).
    public let statistic: Double
    /// `chi2.sf(statistic, degreesOfFreedom)`, the upper tail probability (1 when there are no degrees of freedom).
    public let pValue: Double
    /// `(rows - 1)·(columns - 1)`.
    public let degreesOfFreedom: Int
    /// The expected counts `rowSum·columnSum / total`, in the table's shape.
    public let expected: [[Double]]

    @usableFromInline
    internal init(statistic: Double, pValue: Double, degreesOfFreedom: Int, expected: [[Double]]) {
        self.statistic = statistic
        self.pValue = pValue
        self.degreesOfFreedom = degreesOfFreedom
        self.expected = expected
    }
}

/// Chi-square test of homogeneity: do the rows of a contingency table share one distribution over its columns?
///
/// Matches `scipy.stats.chi2_contingency(table, correction=False)`: expected counts
/// `e_ij = rowSum_i · columnSum_j / total`, statistic `Σ (o_ij - e_ij)² / e_ij`,
/// `dof = (r - 1)(k - 1)`, p-value `Q(dof/2, statistic/2)` (the regularised upper incomplete
/// gamma function, accurate through the subnormal range). No Yates correction, even for 2 x 2.
/// A single column (dof 0) gives statistic 0 and p-value 1. Sums are formed in NumPy's order.
/// In drift monitoring row 0 holds the reference counts and row 1 the production counts.
///
/// ```swift
/// let result = try chiSquareHomogeneity([[10, 20], [30, 5]])
/// // result.statistic ≈ 18.726, result.pValue ≈ 1.509e-5, result.degreesOfFreedom == 1
/// ```
///
/// - Parameter table: `r x k` counts (rows = samples, columns = categories), r, k >= 1, all
///   rows the same length; counts may be non-integer but must be finite and >= 0.
/// - Returns: The statistic, p-value, degrees of freedom and expected counts.
/// - Throws: ``StatisticsError/invalidCounts(reason:)`` for an empty or ragged table, a negative
///   or non-finite count, a row or column summing to zero (naming it), a total that overflows,
///   or an expected count that underflows to zero; ``StatisticsError/overflow(quantity:reason:)``
///   when the statistic itself exceeds the largest double (counts near 1e308). Counts near
///   1e300 whose squared deviations would overflow are handled exactly: the statistic stays finite.
/// - Complexity: O(r·k) plus O(√dof) for the p-value.
@inlinable
public func chiSquareHomogeneity(_ table: [[Double]]) throws -> ChiSquareResult {
    try ChiSquareHomogeneity.test(table)
}

/// Chi-square test of homogeneity for two aligned count vectors (the 2 x k table).
///
/// Equivalent to `chiSquareHomogeneity([reference, production])`; see
/// ``chiSquareHomogeneity(_:)``.
///
/// ```swift
/// let result = try chiSquareHomogeneity(reference: referenceCounts, production: todayCounts)
/// if result.pValue < 0.01 { print("category mix drifted") }
/// ```
///
/// - Parameters:
///   - reference: Counts per category in the reference sample (row 0).
///   - production: Counts per category in the production sample (row 1), same length.
/// - Returns: The statistic, p-value, degrees of freedom (`k - 1`) and expected counts.
/// - Throws: ``StatisticsError/invalidArgument(name:reason:)`` when the lengths differ, and the
///   errors of ``chiSquareHomogeneity(_:)``.
/// - Complexity: O(k).
@inlinable
public func chiSquareHomogeneity(reference: [Double], production: [Double]) throws -> ChiSquareResult {
    guard reference.count == production.count else {
        throw StatisticsError.invalidArgument(
            name: "production",
            reason: "\(production.count) categories, but reference has \(reference.count)")
    }
    return try ChiSquareHomogeneity.test([reference, production])
}

/// The chi-square survival function `chi2.sf(statistic, degreesOfFreedom)`.
///
/// Computed as the regularised upper incomplete gamma function `Q(dof/2, statistic/2)`
/// (series or Lentz continued fraction, prefactor in log space), to about 1e-14 relative
/// accuracy from p ≈ 1 down to the subnormal range; it is exactly 0 only when the true value is
/// below the smallest subnormal double.
///
/// ```swift
/// let p = try chiSquareSurvival(3.841458820694124, degreesOfFreedom: 1)   // ≈ 0.05
/// ```
///
/// - Parameters:
///   - statistic: The chi-square value, >= 0 (`+infinity` gives 0).
///   - degreesOfFreedom: Positive and finite (need not be an integer).
/// - Returns: The upper tail probability in [0, 1].
/// - Throws: ``StatisticsError/invalidArgument(name:reason:)`` for a negative or NaN statistic or
///   a non-positive or non-finite `degreesOfFreedom`.
/// - Complexity: O(√dof + 1).
@inlinable
public func chiSquareSurvival(_ statistic: Double, degreesOfFreedom: Double) throws -> Double {
    guard degreesOfFreedom > 0, degreesOfFreedom.isFinite else {
        throw StatisticsError.invalidArgument(
            name: "degreesOfFreedom", reason: "\(degreesOfFreedom) is not a positive finite number")
    }
    guard statistic >= 0 else {
        throw StatisticsError.invalidArgument(
            name: "statistic", reason: "\(statistic) is not a non-negative chi-square value")
    }
    return IncompleteGamma.upper(degreesOfFreedom / 2, statistic / 2)
}

/// The computation behind ``chiSquareHomogeneity(_:)``.
@usableFromInline
internal enum ChiSquareHomogeneity {
    /// Validates the table, forms margins, expected counts, the statistic and its p-value.
    @usableFromInline
    static func test(_ table: [[Double]]) throws -> ChiSquareResult {
        let rowCount = table.count
        guard rowCount > 0, let columnCount = table.first?.count, columnCount > 0 else {
            throw StatisticsError.invalidCounts(reason: "the table has no rows or no columns")
        }
        for (row, counts) in table.enumerated() {
            guard counts.count == columnCount else {
                throw StatisticsError.invalidCounts(
                    reason: "row \(row) has \(counts.count) counts, row 0 has \(columnCount)")
            }
            for (column, count) in counts.enumerated() where !(count.isFinite && count >= 0) {
                let what = count.isNaN ? "NaN" : (count.isInfinite ? "infinite" : "negative (\(count))")
                throw StatisticsError.invalidCounts(reason: "row \(row), column \(column) is \(what)")
            }
        }
        // Margins in NumPy's order: each row pairwise, columns row by row, total pairwise over all.
        let rowSums = table.map { NumPyPairwiseSum.sum($0) }
        var columnSums = table[0]
        for row in table.dropFirst() {
            for column in 0..<columnCount { columnSums[column] += row[column] }
        }
        let total = NumPyPairwiseSum.sum(table.flatMap { $0 })
        guard total.isFinite else {
            throw StatisticsError.invalidCounts(reason: "the counts add up to more than the largest double")
        }
        if let row = rowSums.firstIndex(of: 0) {
            throw StatisticsError.invalidCounts(reason: "row \(row) sums to zero (its expected counts would be 0)")
        }
        if let column = columnSums.firstIndex(of: 0) {
            throw StatisticsError.invalidCounts(reason: "column \(column) sums to zero (its expected counts would be 0)")
        }
        var expected: [[Double]] = []
        expected.reserveCapacity(rowCount)
        var terms: [Double] = []
        terms.reserveCapacity(rowCount * columnCount)
        for row in 0..<rowCount {
            var expectedRow = [Double](repeating: 0, count: columnCount)
            for column in 0..<columnCount {
                var value = rowSums[row] * columnSums[column] / total
                if !value.isFinite {
                    // The product overflowed (scipy would return inf/NaN); the quotient first cannot.
                    value = rowSums[row] * (columnSums[column] / total)
                }
                guard value > 0 else {
                    throw StatisticsError.invalidCounts(
                        reason: "the expected count at row \(row), column \(column) underflows to zero")
                }
                expectedRow[column] = value
                let difference = table[row][column] - value
                var term = difference * difference / value
                if !term.isFinite {
                    // The square overflowed (counts near 1e300); the quotient first cannot,
                    // unless the term itself exceeds the largest double (caught below).
                    term = difference * (difference / value)
                }
                terms.append(term)
            }
            expected.append(expectedRow)
        }
        let degreesOfFreedom = (rowCount - 1) * (columnCount - 1)
        if degreesOfFreedom == 0 {
            return ChiSquareResult(statistic: 0, pValue: 1, degreesOfFreedom: 0, expected: expected)
        }
        let statistic = NumPyPairwiseSum.sum(terms)
        guard statistic.isFinite else {
            throw StatisticsError.overflow(
                quantity: "the chi-square statistic",
                reason: "the counts' deviations from their expected values exceed the largest double")
        }
        let pValue = IncompleteGamma.upper(Double(degreesOfFreedom) / 2, statistic / 2)
        return ChiSquareResult(
            statistic: statistic, pValue: pValue, degreesOfFreedom: degreesOfFreedom, expected: expected)
    }
}
