/// The bins of a Population Stability Index: edges taken from the reference sample and the
/// reference's count in each bin.
///
/// This is what a reference profile stores for a numeric feature, so that every later
/// production batch is binned against the same edges without touching the reference again.
/// The outer bins are open-ended: a production value below `edges[0]` counts in the first
/// bin and one above the last edge in the last bin; a value equal to an interior edge goes to
/// the bin on its right (`numpy.searchsorted(edges[1:-1], x, 'right')`).
///
/// ```swift
/// let reference = try SortedSample(referenceValues, label: "reference")
/// let bins = try PSIBins(reference: reference, bins: 10, binning: .quantile)
/// // store bins.edges and bins.referenceCounts; later:
/// let restored = try PSIBins(edges: storedEdges, referenceCounts: storedCounts)
/// let psi = try populationStabilityIndex(restored, production: productionValues)
/// ```
public struct PSIBins: Sendable, Hashable {
    /// The `B + 1` bin edges, finite and non-decreasing, with `edges[0] < edges[B]`.
    public let edges: [Double]
    /// The number of reference values in each of the `B` bins.
    public let referenceCounts: [Int]

    /// The number of reference values, `referenceCounts.reduce(0, +)`.
    ///
    /// ```swift
    /// let bins = try PSIBins(edges: [0, 1, 2], referenceCounts: [3, 5])
    /// bins.referenceTotal   // 8
    /// ```
    ///
    /// - Complexity: O(B).
    public var referenceTotal: Int {
        referenceCounts.reduce(0, +)
    }

    /// The number of bins `B` (`edges.count - 1`).
    ///
    /// ```swift
    /// try PSIBins(edges: [0, 1, 2], referenceCounts: [3, 5]).count   // 2
    /// ```
    ///
    /// - Complexity: O(1).
    public var count: Int {
        referenceCounts.count
    }

    /// Rebuilds bins from stored edges and reference counts, validating them.
    ///
    /// ```swift
    /// let bins = try PSIBins(edges: [0, 0.5, 1], referenceCounts: [40, 60])
    /// bins.binIndex(of: 0.5)   // 1
    /// ```
    ///
    /// - Parameters:
    ///   - edges: At least two finite, non-decreasing edges with the first below the last.
    ///     Equal interior neighbours (an empty zero-width bin) are allowed, as uniform edges of
    ///     a tiny range can produce them.
    ///   - referenceCounts: `edges.count - 1` non-negative counts with a positive total.
    /// - Throws: ``StatisticsError/tooFewBins(requested:minimum:)`` for fewer than two edges,
    ///   ``StatisticsError/invalidEdges(index:reason:)`` for non-finite or decreasing edges,
    ///   ``StatisticsError/degenerateReference(reason:)`` when the first and last edge are
    ///   equal, ``StatisticsError/invalidCounts(reason:)`` for a wrong number of counts, a
    ///   negative count or a zero (or overflowing) total.
    /// - Complexity: O(B).
    public init(edges: [Double], referenceCounts: [Int]) throws {
        guard edges.count >= 2 else {
            throw StatisticsError.tooFewBins(requested: max(edges.count - 1, 0), minimum: 1)
        }
        for (index, edge) in edges.enumerated() {
            guard edge.isFinite else {
                throw StatisticsError.invalidEdges(index: index, reason: "\(edge) is not finite")
            }
            if index > 0, edge < edges[index - 1] {
                throw StatisticsError.invalidEdges(index: index, reason: "edges must be non-decreasing")
            }
        }
        guard edges[0] < edges[edges.count - 1] else {
            throw StatisticsError.degenerateReference(reason: "all bin edges are equal (\(edges[0]))")
        }
        guard referenceCounts.count == edges.count - 1 else {
            throw StatisticsError.invalidCounts(
                reason: "\(referenceCounts.count) reference counts for \(edges.count - 1) bins")
        }
        var total = 0
        for (index, count) in referenceCounts.enumerated() {
            guard count >= 0 else {
                throw StatisticsError.invalidCounts(reason: "reference count \(count) at index \(index) is negative")
            }
            let (sum, overflow) = total.addingReportingOverflow(count)
            guard !overflow else { throw StatisticsError.invalidCounts(reason: "reference total overflows Int") }
            total = sum
        }
        guard total > 0 else { throw StatisticsError.invalidCounts(reason: "reference counts sum to 0") }
        self.init(validatedEdges: edges, referenceCounts: referenceCounts)
    }

    /// Stores already validated edges and counts.
    @usableFromInline
    internal init(validatedEdges edges: [Double], referenceCounts: [Int]) {
        self.edges = edges
        self.referenceCounts = referenceCounts
    }

    /// The bin that `value` falls in: the number of interior edges `edges[1] ... edges[B-1]`
    /// that are `<= value`.
    ///
    /// Values below the first edge go to bin 0, values above the last edge to bin `B - 1`, a
    /// value equal to an interior edge to the bin on its right. ±infinity fall in the outer
    /// bins; NaN goes to the last bin (where `numpy.searchsorted` puts it), so callers should
    /// reject NaN first as ``populationStabilityIndex(_:production:epsilon:)`` does.
    ///
    /// ```swift
    /// let bins = try PSIBins(edges: [0, 1, 2, 3], referenceCounts: [1, 1, 1])
    /// bins.binIndex(of: -5)   // 0
    /// bins.binIndex(of: 1)    // 1
    /// bins.binIndex(of: 9)    // 2
    /// ```
    ///
    /// - Parameter value: Any value.
    /// - Returns: A bin index in `0..<B`.
    /// - Complexity: O(log B).
    @inlinable
    public func binIndex(of value: Double) -> Int {
        if value.isNaN { return edges.count - 2 }
        // Binary search for the number of interior edges <= value (upper bound).
        var low = 1
        var high = edges.count - 1
        while low < high {
            let middle = low + (high - low) / 2
            if edges[middle] <= value {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low - 1
    }

    /// The number of `values` in each bin, by the rule of ``binIndex(of:)``.
    ///
    /// ```swift
    /// let bins = try PSIBins(edges: [0, 1, 2], referenceCounts: [1, 1])
    /// bins.counts(of: [Float(-1), 0.5, 1, 1.5, 7])   // [2, 3]
    /// ```
    ///
    /// - Parameter values: The values to bin. `Float`, `Double` and other binary floating-point
    ///   types are converted to `Double` (exactly, except `Float80`). NaN is not counted.
    /// - Returns: `B` counts summing to the number of non-NaN values.
    /// - Complexity: O(n log B).
    @inlinable
    public func counts<T: BinaryFloatingPoint>(of values: [T]) -> [Int] {
        var result = [Int](repeating: 0, count: referenceCounts.count)
        for value in values {
            let converted = Double(value)
            if converted.isNaN { continue }
            result[binIndex(of: converted)] += 1
        }
        return result
    }
}
