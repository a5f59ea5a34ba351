extension SummaryStatistics {
    /// A running sum with Neumaier's compensation (an improved Kahan–Babuška summation).
    ///
    /// The error of the result does not grow with the number of terms: it is about one
    /// rounding of the exact sum plus `n * ulp^2` of the sum of magnitudes, so sums of
    /// non-negative terms agree with a correctly rounded `math.fsum` to within a few ulps.
    /// Used wherever the reference value comes from numpy's pairwise sum (PSI terms,
    /// Wasserstein terms, two-pass moments).
    ///
    /// An infinite running sum is returned as is (its compensation would be NaN).
    @usableFromInline
    internal struct NeumaierSum {
        @usableFromInline var sum: Double = 0
        @usableFromInline var compensation: Double = 0

        @inlinable
        init() {}

        /// Adds one term.
        @inlinable
        mutating func add(_ term: Double) {
            let total = sum + term
            if abs(sum) >= abs(term) {
                compensation += (sum - total) + term
            } else {
                compensation += (term - total) + sum
            }
            sum = total
        }

        /// The compensated total.
        @inlinable
        var value: Double {
            sum.isFinite ? sum + compensation : sum
        }
    }
}
