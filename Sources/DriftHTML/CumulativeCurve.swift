/// One side of the ECDF panel: the whole sorted sample (an exact step function), or the
/// cumulative share known only at some points (a recorded run keeps the production side's
/// counts in the PSI bins, so its curve is known at the bin edges).
package enum CumulativeCurve: Sendable, Hashable {
    /// A sorted, finite, non-empty sample.
    case sample([Double])
    /// `(x, F(x⁻))` pairs in increasing x: the share of values below each x.
    case points([CurvePoint])

    /// The sorted sample's curve; nil for an empty sample.
    ///
    /// - Parameter values: Finite values in any order.
    /// - Complexity: O(n log n).
    package static func sorting(_ values: [Double]) -> CumulativeCurve? {
        let finite = values.filter(\.isFinite)
        return finite.isEmpty ? nil : .sample(finite.sorted())
    }

    /// The curve of binned counts at the interior edges: the share of values below edge `i`.
    ///
    /// - Parameters:
    ///   - edges: The `bins + 1` edges.
    ///   - counts: The counts per bin (values outside the edges counted in the outer bins).
    /// - Returns: The points, or nil for mismatched lengths or no values.
    /// - Complexity: O(bins).
    package static func binned(edges: [Double], counts: [Int]) -> CumulativeCurve? {
        let total = counts.reduce(0, +)
        guard edges.count == counts.count + 1, counts.count >= 2, total > 0 else { return nil }
        var below = 0
        var points: [CurvePoint] = []
        for index in 1..<counts.count {
            below += counts[index - 1]
            points.append(CurvePoint(x: edges[index], share: Double(below) / Double(total)))
        }
        return .points(points)
    }

    /// The smallest and largest x the curve covers.
    package var extent: ClosedRange<Double>? {
        switch self {
        case .sample(let values):
            guard let first = values.first, let last = values.last else { return nil }
            return first...last
        case .points(let points):
            guard let first = points.first, let last = points.last else { return nil }
            return first.x...last.x
        }
    }

    /// The share of values at or below `x` (a sample), or nil when only points are known.
    ///
    /// - Complexity: O(log n).
    package func share(atOrBelow x: Double) -> Double? {
        guard case .sample(let values) = self, !values.isEmpty else { return nil }
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] <= x { low = middle + 1 } else { high = middle }
        }
        return Double(low) / Double(values.count)
    }
}

/// One known point of a cumulative curve.
package struct CurvePoint: Sendable, Hashable {
    /// The value.
    package let x: Double
    /// The share of values below it.
    package let share: Double

    /// A point.
    package init(x: Double, share: Double) {
        self.x = x
        self.share = share
    }
}

/// Where the Kolmogorov–Smirnov distance occurs: the statistic, the pooled value where it is
/// first reached, and which curve is above (`+1`: reference above production).
package struct KSMark: Sendable, Hashable {
    /// The statistic D.
    package let statistic: Double
    /// The value where D is reached.
    package let location: Double
    /// `+1` when the reference's ECDF is above the production's there, `-1` below.
    package let sign: Int

    /// A mark.
    package init(statistic: Double, location: Double, sign: Int) {
        self.statistic = statistic
        self.location = location
        self.sign = sign
    }
}
