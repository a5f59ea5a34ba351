import Foundation

/// The Jensen–Shannon distance (base 2) between two discrete distributions.
///
/// With `p` and `q` normalised to sum to 1 and `m = (p + q)/2`,
/// `D = Σ rel_entr(p, m) + Σ rel_entr(q, m)` (natural logarithms, `rel_entr(x, y) = x ln(x/y)`,
/// 0 when x = 0) and the distance is `√(max(D / ln 2 / 2, 0))`. This is
/// `scipy.spatial.distance.jensenshannon(p, q, base=2)` except for the clamp: when `p` and `q`
/// agree up to rounding, `D` can come out as a tiny negative number, where scipy returns NaN and
/// this function returns 0. The result lies in [0, 1]: 0 for identical distributions, 1 for
/// disjoint supports. Sums are formed in NumPy's pairwise order.
///
/// ```swift
/// let distance = try jensenShannonDistance([10, 20, 30], [12, 18, 30])   // counts are fine
/// ```
///
/// - Parameters:
///   - p: Probabilities or unnormalised counts, at least one entry, finite and >= 0, with a
///     positive finite sum. `Float`, `Double` and other binary floating-point types are accepted.
///   - q: The same for the second distribution; same length as `p`.
/// - Returns: The distance in [0, 1].
/// - Throws: ``StatisticsError/emptySample(sample:)`` for empty vectors,
///   ``StatisticsError/invalidArgument(name:reason:)`` when the lengths differ,
///   ``StatisticsError/nonFiniteValue(sample:index:value:)`` for NaN or ±infinity, and
///   ``StatisticsError/invalidCounts(reason:)`` for a negative entry or a sum that is 0 or
///   overflows.
/// - Complexity: O(n).
@inlinable
public func jensenShannonDistance<T: BinaryFloatingPoint>(_ p: [T], _ q: [T]) throws -> Double {
    let first = p as? [Double] ?? p.map { Double($0) }
    let second = q as? [Double] ?? q.map { Double($0) }
    return try JensenShannon.distance(first, second)
}

/// The computation behind ``jensenShannonDistance(_:_:)``.
@usableFromInline
internal enum JensenShannon {
    /// Validates both vectors and evaluates the clamped base-2 distance.
    @usableFromInline
    static func distance(_ p: [Double], _ q: [Double]) throws -> Double {
        guard p.count == q.count else {
            throw StatisticsError.invalidArgument(name: "q", reason: "\(q.count) entries, but p has \(p.count)")
        }
        let normalizedP = try normalized(p, label: "p")
        let normalizedQ = try normalized(q, label: "q")
        var left = [Double](repeating: 0, count: p.count)
        var right = [Double](repeating: 0, count: p.count)
        for index in 0..<p.count {
            let mixture = (normalizedP[index] + normalizedQ[index]) / 2.0
            left[index] = relativeEntropyTerm(normalizedP[index], mixture)
            right[index] = relativeEntropyTerm(normalizedQ[index], mixture)
        }
        let divergence = NumPyPairwiseSum.sum(left) + NumPyPairwiseSum.sum(right)
        let bits = divergence / log(2.0)
        return max(bits / 2.0, 0).squareRoot()
    }

    /// `values / sum(values)` after checking the entries and the sum.
    @usableFromInline
    static func normalized(_ values: [Double], label: String) throws -> [Double] {
        guard !values.isEmpty else { throw StatisticsError.emptySample(sample: label) }
        for (index, value) in values.enumerated() {
            guard value.isFinite else {
                throw StatisticsError.nonFiniteValue(sample: label, index: index, value: value)
            }
            guard value >= 0 else {
                throw StatisticsError.invalidCounts(reason: "\(label)[\(index)] is negative (\(value))")
            }
        }
        let total = NumPyPairwiseSum.sum(values)
        guard total > 0 else { throw StatisticsError.invalidCounts(reason: "\(label) sums to zero") }
        guard total.isFinite else {
            throw StatisticsError.invalidCounts(reason: "\(label) sums to more than the largest double")
        }
        return values.map { $0 / total }
    }

    /// `rel_entr(x, y) = x ln(x / y)` for x > 0, and 0 for x = 0.
    ///
    /// Here `y = (x + other)/2 >= x/2`, so y is positive unless x is the smallest subnormal and
    /// the other entry is 0, where `x/2` rounds to 0; the limit `x ln 2` is used then.
    @usableFromInline
    static func relativeEntropyTerm(_ x: Double, _ y: Double) -> Double {
        guard x > 0 else { return 0 }
        return y > 0 ? x * log(x / y) : x * log(2.0)
    }
}
