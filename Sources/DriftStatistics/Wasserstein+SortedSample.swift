/// The first Wasserstein distance between two sorted samples, in one merge of the two arrays.
///
/// The unweighted fast path: no pooled array is built and nothing is sorted again, so with a
/// reference profile stored as a ``SortedSample`` the cost per production batch is one sort of
/// the batch plus an O(n + m) pass. The result equals
/// ``wassersteinDistance(_:_:uWeights:vWeights:)`` on the same values.
///
/// ```swift
/// let reference = try SortedSample(presorted: profile.sortedValues, label: "reference")
/// let production = try SortedSample(batch, label: "production")
/// let w = try wassersteinDistance(reference, production)
/// ```
///
/// - Parameters:
///   - u: The first sample.
///   - v: The second sample.
/// - Returns: The distance, `>= 0`; `+infinity` only when the spread of the data overflows a
///   `Double` (as scipy).
/// - Throws: Nothing for valid samples (a ``SortedSample`` is non-empty and finite); the
///   signature throws for symmetry with the other entry points.
/// - Complexity: O(n + m) time, O(1) extra memory.
@inlinable
public func wassersteinDistance(_ u: SortedSample, _ v: SortedSample) throws -> Double {
    wassersteinMerge(
        u.values, v.values,
        WassersteinUniformCDF(size: u.count), WassersteinUniformCDF(size: v.count))
}
