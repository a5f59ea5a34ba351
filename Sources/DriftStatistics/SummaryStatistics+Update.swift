extension SummaryStatistics {
    /// Adds one value with Welford's update.
    ///
    /// ```swift
    /// var stats = SummaryStatistics()
    /// stats.add(1e9 + 1)
    /// stats.add(1e9 + 3)
    /// stats.variance   // 1.0 exactly, no cancellation
    /// ```
    ///
    /// - Parameter x: The value. NaN and ±infinity only increment ``nonFiniteCount``.
    /// - Complexity: O(1).
    public mutating func add(_ x: Double) {
        guard x.isFinite else {
            nonFiniteCount += 1
            return
        }
        count += 1
        if count == 1 {
            shift = x
            shiftedMean = 0
            sumOfSquaredDeviations = 0
            minimum = x
            maximum = x
            return
        }
        let n = Double(count)
        let y = x - shift
        let delta = y - shiftedMean
        if delta.isFinite {
            shiftedMean += delta / n
            sumOfSquaredDeviations += delta * (y - shiftedMean)
        } else {
            // The spread overflows a Double: keep the mean finite, the variance is infinite.
            let oldMean = mean
            shift = oldMean + (x / n - oldMean / n)
            shiftedMean = 0
            sumOfSquaredDeviations = .infinity
        }
        if x < minimum { minimum = x }
        if x > maximum { maximum = x }
    }

    /// Folds in the statistics of another partition (Chan, Golub & LeVeque's pairwise update).
    ///
    /// The result equals, up to rounding, the statistics of the concatenated data, in either
    /// order, so chunks can be profiled in parallel and combined.
    ///
    /// ```swift
    /// var left = SummaryStatistics([1.0, 2.0])
    /// left.merge(SummaryStatistics([3.0, 4.0]))
    /// left.mean       // 2.5
    /// left.variance   // 1.25
    /// ```
    ///
    /// - Parameter other: The statistics of the other partition.
    /// - Complexity: O(1).
    public mutating func merge(_ other: SummaryStatistics) {
        nonFiniteCount += other.nonFiniteCount
        guard other.count > 0 else { return }
        guard count > 0 else {
            let skipped = nonFiniteCount
            self = other
            nonFiniteCount = skipped
            return
        }
        let countA = Double(count)
        let countB = Double(other.count)
        let total = countA + countB
        // other.mean - mean, formed from the shifts and the small shifted means.
        let delta = (other.shift - shift) + (other.shiftedMean - shiftedMean)
        if delta.isFinite {
            shiftedMean += delta * (countB / total)
            let weight = countA * countB / total
            sumOfSquaredDeviations += other.sumOfSquaredDeviations + delta * delta * weight
        } else {
            shift = mean * (countA / total) + other.mean * (countB / total)
            shiftedMean = 0
            sumOfSquaredDeviations = .infinity
        }
        count += other.count
        if other.minimum < minimum { minimum = other.minimum }
        if other.maximum > maximum { maximum = other.maximum }
    }

    /// The statistics of this partition and `other` together, leaving both unchanged.
    ///
    /// ```swift
    /// let all = SummaryStatistics([1.0]).merging(SummaryStatistics([3.0]))
    /// all.mean   // 2.0
    /// ```
    ///
    /// - Parameter other: The statistics of the other partition.
    /// - Returns: The merged statistics (see ``merge(_:)``).
    /// - Complexity: O(1).
    @inlinable
    public func merging(_ other: SummaryStatistics) -> SummaryStatistics {
        var result = self
        result.merge(other)
        return result
    }
}
