/// Builds a ``Histogram`` from a stream of chunks, with exactly the counts a single call on the
/// concatenated data would give; accumulators with the same edges can be merged.
///
/// ```swift
/// var accumulator = try HistogramAccumulator(bins: 20, range: -5...5)
/// for chunk in chunks {            // [[Double]] or [[Float]]
///     accumulator.add(contentsOf: chunk)
/// }
/// let h = accumulator.histogram    // same as histogram(chunks.flatMap { $0 }, bins: 20, range: -5...5)
/// ```
///
/// The range must be fixed up front (there is no streaming equivalent of numpy's automatic
/// min/max range); NaN, infinities and out-of-range values are counted, never dropped.
public struct HistogramAccumulator: Sendable {
    @usableFromInline var binning: HistogramBinning
    @usableFromInline var slots: [Int]

    /// An empty accumulator with explicit bin edges.
    ///
    /// ```swift
    /// var accumulator = try HistogramAccumulator(edges: [-.infinity, -1, 0, 1, .infinity])
    /// ```
    ///
    /// - Parameter edges: At least two non-decreasing, non-NaN edges (the last bin is closed;
    ///   equal edges and infinite edges are allowed).
    /// - Throws: ``StatisticsError/tooFewBins(requested:minimum:)`` for fewer than two edges,
    ///   ``StatisticsError/invalidEdges(index:reason:)`` for a NaN edge or a decrease.
    /// - Complexity: O(edges.count).
    @inlinable
    public init(edges: [Double]) throws {
        binning = try HistogramBinning(edges: edges)
        slots = [Int](repeating: 0, count: binning.slotCount)
    }

    /// An empty accumulator with `bins` equal-width bins over `range` (numpy's edges).
    ///
    /// ```swift
    /// var accumulator = try HistogramAccumulator(bins: 10, range: 0...1)
    /// ```
    ///
    /// - Parameters:
    ///   - bins: The number of bins, at least 1.
    ///   - range: The outer edges; a zero-width range is widened by 0.5 on each side.
    /// - Throws: ``StatisticsError/tooFewBins(requested:minimum:)`` when `bins < 1`,
    ///   ``StatisticsError/invalidRange(lower:upper:)`` for non-finite bounds or
    ///   `lower > upper`, ``StatisticsError/invalidArgument(name:reason:)`` when the range is
    ///   too narrow for `bins` distinct finite edges.
    /// - Complexity: O(bins).
    @inlinable
    public init(bins: Int, range: ClosedRange<Double>) throws {
        binning = try HistogramBinning(bins: bins, lower: range.lowerBound, upper: range.upperBound)
        slots = [Int](repeating: 0, count: binning.slotCount)
    }

    /// Counts a chunk of values.
    ///
    /// ```swift
    /// accumulator.add(contentsOf: [0.5, 1.5, .nan])
    /// accumulator.add(contentsOf: [Float(0.25)])
    /// ```
    ///
    /// - Parameter values: The chunk; `Float` and other types are promoted exactly to `Double`.
    /// - Complexity: O(n) for equal-width edges, O(n log(bins)) at worst.
    @inlinable
    public mutating func add<T: BinaryFloatingPoint & SIMDScalar>(contentsOf values: [T]) {
        binning.tally(values, into: &slots)
    }

    /// Adds the counts of another accumulator with the same edges (for example one filled on
    /// another thread).
    ///
    /// ```swift
    /// var left = try HistogramAccumulator(bins: 4, range: 0...1)
    /// var right = left
    /// left.add(contentsOf: [0.1]); right.add(contentsOf: [0.9])
    /// try left.merge(right)            // left.histogram.counts == [1, 0, 0, 1]
    /// ```
    ///
    /// - Parameter other: An accumulator whose edges are identical, bit for bit.
    /// - Throws: ``StatisticsError/invalidArgument(name:reason:)`` when the edges differ.
    /// - Complexity: O(bins).
    @inlinable
    public mutating func merge(_ other: HistogramAccumulator) throws {
        let sameEdges = binning.edges.count == other.binning.edges.count
            && zip(binning.edges, other.binning.edges).allSatisfy { $0.bitPattern == $1.bitPattern }
        guard sameEdges else {
            throw StatisticsError.invalidArgument(
                name: "other", reason: "cannot merge histogram accumulators with different edges")
        }
        for index in slots.indices { slots[index] += other.slots[index] }
    }

    /// The histogram of every value added so far.
    ///
    /// ```swift
    /// let h = accumulator.histogram
    /// print(h.counts, h.belowRange, h.aboveRange, h.nanCount)
    /// ```
    ///
    /// - Returns: The counts and edges, as ``histogram(_:edges:)`` would give for all the data.
    /// - Complexity: O(bins).
    @inlinable
    public var histogram: Histogram { binning.histogram(fromSlots: slots) }
}
