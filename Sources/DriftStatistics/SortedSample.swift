/// A finite, ascending sample of `Double` values, validated once and reused by every
/// sort-based test (Kolmogorov–Smirnov, Cramér–von Mises, Wasserstein, quantile PSI bins).
///
/// Sorting dominates the cost of those tests. A reference profile is sorted once when it
/// is built and stored that way; wrapping it with ``init(presorted:label:)`` validates the
/// order in O(n) instead of sorting again, so the hourly job never re-sorts the reference.
///
/// ```swift
/// let reference = try SortedSample(presorted: storedReferenceValues, label: "reference")
/// let production = try SortedSample(productionValues, label: "production")
/// let ks = try kolmogorovSmirnov(reference, production)
/// ```
///
/// NaN and ±infinity are rejected with ``StatisticsError/nonFiniteValue(sample:index:value:)``:
/// callers count and drop missing values before testing, so nothing is silently lost.
public struct SortedSample: Sendable, Hashable {
    /// The values in ascending order; every value is finite.
    public let values: [Double]
    /// The name used in error messages (for example `"reference"`).
    public let label: String

    /// Sorts and validates a sample.
    ///
    /// - Parameters:
    ///   - values: The observations, in any order. `Float`, `Double` and other binary
    ///     floating-point types are converted to `Double` exactly (`Float80` is rounded).
    ///   - label: The sample's name in error messages.
    /// - Throws: ``StatisticsError/emptySample(sample:)`` for an empty sample,
    ///   ``StatisticsError/nonFiniteValue(sample:index:value:)`` for NaN or ±infinity.
    /// - Complexity: O(n) validation plus an O(n) radix sort.
    @inlinable
    public init<Values: Sequence>(_ values: Values, label: String = "sample") throws
    where Values.Element: BinaryFloatingPoint {
        var copy: [Double]
        if let doubles = values as? [Double] {
            copy = doubles
        } else {
            copy = values.map { Double($0) }
        }
        try SortedSample.validateFinite(copy, label: label)
        sortDoubles(&copy)
        self.values = copy
        self.label = label
    }

    /// Wraps values that are already sorted, checking the order instead of sorting.
    ///
    /// - Parameters:
    ///   - values: Finite values in ascending order (ties allowed).
    ///   - label: The sample's name in error messages.
    /// - Throws: ``StatisticsError/notSorted(sample:index:)`` at the first descent, and the
    ///   errors of ``init(_:label:)``.
    /// - Complexity: O(n).
    @inlinable
    public init(presorted values: [Double], label: String = "sample") throws {
        try SortedSample.validateFinite(values, label: label)
        var index = 1
        while index < values.count {
            if values[index] < values[index - 1] {
                throw StatisticsError.notSorted(sample: label, index: index)
            }
            index += 1
        }
        self.values = values
        self.label = label
    }

    /// The number of observations.
    @inlinable public var count: Int { values.count }

    /// The smallest value.
    @inlinable public var minimum: Double { values[0] }

    /// The largest value.
    @inlinable public var maximum: Double { values[values.count - 1] }

    @inlinable
    static func validateFinite(_ values: [Double], label: String) throws {
        if values.isEmpty { throw StatisticsError.emptySample(sample: label) }
        for (index, value) in values.enumerated() where !value.isFinite {
            throw StatisticsError.nonFiniteValue(sample: label, index: index, value: value)
        }
    }
}
