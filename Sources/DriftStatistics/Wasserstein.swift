/// The first Wasserstein (earth mover's) distance between two samples, optionally weighted,
/// as `scipy.stats.wasserstein_distance(u, v, u_weights, v_weights)`.
///
/// `W1 = ∫ |U(t) - V(t)| dt = Σ_i |U(t_i) - V(t_i)| * (t_{i+1} - t_i)` over the sorted pooled
/// values `t_i`, where `U` and `V` are the empirical CDFs (with weights: cumulative weight
/// divided by the total). It is in the units of the data: the distance a translated copy
/// moves is exactly the translation.
///
/// ```swift
/// try wassersteinDistance([0.0, 1, 3], [5.0, 6, 8])   // 5.0
/// try wassersteinDistance([0.0, 1], [0.0, 1],
///                         uWeights: [3, 1], vWeights: [2, 2])   // 0.25
/// ```
///
/// Without weights this sorts both samples and takes the one-pass ``SortedSample`` path.
///
/// - Parameters:
///   - u: The first sample (non-empty, finite).
///   - v: The second sample (non-empty, finite).
///   - uWeights: Optional non-negative weights, one per value of `u`, with a positive finite
///     sum; `nil` weighs every value equally.
///   - vWeights: Optional weights for `v`, as `uWeights`.
/// - Returns: The distance, `>= 0`; `+infinity` only when the spread of the data overflows a
///   `Double` (as scipy).
/// - Throws: ``StatisticsError/emptySample(sample:)``,
///   ``StatisticsError/nonFiniteValue(sample:index:value:)``,
///   ``StatisticsError/invalidWeights(sample:reason:)`` for weights of the wrong length,
///   negative or NaN weights, or a zero or non-finite weight sum.
/// - Complexity: O((n + m) log(n + m)): a sort of each sample and one merge.
@inlinable
public func wassersteinDistance<T: BinaryFloatingPoint>(
    _ u: [T], _ v: [T], uWeights: [Double]? = nil, vWeights: [Double]? = nil
) throws -> Double {
    if uWeights == nil, vWeights == nil {
        return try wassersteinDistance(SortedSample(u, label: "u"), SortedSample(v, label: "v"))
    }
    let first = try WassersteinWeightedSample(u, weights: uWeights, label: "u")
    let second = try WassersteinWeightedSample(v, weights: vWeights, label: "v")
    return wassersteinMerge(first.values, second.values, first.cdf, second.cdf)
}

/// A step CDF evaluated by the number `k` of sample values `<= t`.
@usableFromInline
internal protocol WassersteinStepCDF {
    /// The CDF just after the `k`-th smallest value.
    func value(atCount k: Int) -> Double
}

/// The unweighted empirical CDF `k / n`.
@usableFromInline
internal struct WassersteinUniformCDF: WassersteinStepCDF {
    @usableFromInline let size: Double

    @inlinable
    init(size: Int) { self.size = Double(size) }

    @inlinable
    func value(atCount k: Int) -> Double { Double(k) / size }
}

/// The weighted empirical CDF `cumulative[k] / total` (`cumulative[0] == 0`).
@usableFromInline
internal struct WassersteinWeightedCDF: WassersteinStepCDF {
    @usableFromInline let cumulative: [Double]
    @usableFromInline let total: Double

    @inlinable
    init(cumulative: [Double]) {
        self.cumulative = cumulative
        self.total = cumulative[cumulative.count - 1]
    }

    @inlinable
    func value(atCount k: Int) -> Double { cumulative[k] / total }
}

/// A sample sorted by value together with the cumulative weights in that order.
@usableFromInline
internal struct WassersteinWeightedSample {
    @usableFromInline let values: [Double]
    @usableFromInline let cdf: WassersteinWeightedCDF

    /// Validates `values` and `weights` (scipy's rules) and sorts them together by value.
    /// With `weights == nil` every value gets weight 1.
    @usableFromInline
    init<T: BinaryFloatingPoint>(_ raw: [T], weights: [Double]?, label: String) throws {
        guard !raw.isEmpty else { throw StatisticsError.emptySample(sample: label) }
        let values = raw.map { Double($0) }
        for (index, value) in values.enumerated() where !value.isFinite {
            throw StatisticsError.nonFiniteValue(sample: label, index: index, value: value)
        }
        let weights = weights ?? [Double](repeating: 1, count: values.count)
        guard weights.count == values.count else {
            throw StatisticsError.invalidWeights(
                sample: label, reason: "\(weights.count) weights for \(values.count) values")
        }
        for (index, weight) in weights.enumerated() where !(weight >= 0) {
            throw StatisticsError.invalidWeights(
                sample: label, reason: "weight \(weight) at index \(index) is negative or NaN")
        }
        let order = values.indices.sorted { left, right in
            values[left] < values[right] || (values[left] == values[right] && left < right)
        }
        var sortedValues = [Double]()
        sortedValues.reserveCapacity(values.count)
        var cumulative = [Double]()
        cumulative.reserveCapacity(values.count + 1)
        cumulative.append(0)
        var running = 0.0
        for index in order {
            sortedValues.append(values[index])
            running += weights[index]
            cumulative.append(running)
        }
        guard running > 0, running.isFinite else {
            throw StatisticsError.invalidWeights(
                sample: label, reason: "weights must sum to a positive finite number, not \(running)")
        }
        self.values = sortedValues
        self.cdf = WassersteinWeightedCDF(cumulative: cumulative)
    }
}

/// One pass over two ascending, non-empty, finite arrays: `Σ |U(t) - V(t)| * (t' - t)` over
/// consecutive distinct pooled values `t < t'`, summed with compensation.
///
/// Terms with `U(t) == V(t)` are skipped, so an overflowing gap `t' - t = inf` only matters
/// where the CDFs differ (scipy would form `0 * inf = NaN` there).
@inlinable
internal func wassersteinMerge<First: WassersteinStepCDF, Second: WassersteinStepCDF>(
    _ u: [Double], _ v: [Double], _ uCDF: First, _ vCDF: Second
) -> Double {
    u.withUnsafeBufferPointer { u in
        v.withUnsafeBufferPointer { v in
            let n = u.count
            let m = v.count
            var i = 0
            var j = 0
            var sum = SummaryStatistics.NeumaierSum()
            var current = min(u[0], v[0])
            while true {
                while i < n, u[i] <= current { i += 1 }
                while j < m, v[j] <= current { j += 1 }
                let next: Double
                if i < n {
                    next = j < m ? min(u[i], v[j]) : u[i]
                } else if j < m {
                    next = v[j]
                } else {
                    break
                }
                let gap = abs(uCDF.value(atCount: i) - vCDF.value(atCount: j))
                if gap != 0 {
                    sum.add(gap * (next - current))
                }
                current = next
            }
            return sum.value
        }
    }
}
