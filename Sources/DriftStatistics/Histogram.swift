/// Bin counts of a sample, with `numpy.histogram` semantics, that account for every value:
/// values outside the edges and NaNs are counted separately instead of being dropped.
///
/// Build one with ``histogram(_:bins:range:)`` (equal-width bins),
/// ``histogram(_:edges:)`` (explicit edges) or, chunk by chunk, with ``HistogramAccumulator``.
///
/// ```swift
/// let h = try histogram([0.1, 0.3, 0.7, 2.0, .nan], bins: 10, range: 0...1)
/// // h.counts == [0, 1, 1, 0, 0, 0, 1, 0, 0, 0]   (0.3 in bin 2 and 0.7 in bin 6, as in numpy)
/// // h.aboveRange == 1, h.nanCount == 1, h.total == 5
/// ```
///
/// Bin `i` holds the values `x` with `edges[i] <= x < edges[i + 1]`; the last bin also holds
/// `x == edges.last`. These comparisons are the ground truth even for equal-width bins, exactly
/// as in numpy, so a value that prints like an edge may fall one bin lower than arithmetic
/// suggests. When two edges are equal, that zero-width bin is always empty and a value equal to
/// the repeated edge goes to the bin on its right.
public struct Histogram: Sendable, Hashable {
    /// The `bins + 1` non-decreasing bin edges.
    public let edges: [Double]
    /// The number of values in each bin (`edges.count - 1` entries).
    public private(set) var counts: [Int]
    /// The number of values below `edges[0]` (finite values or -infinity).
    public private(set) var belowRange: Int
    /// The number of values above `edges.last` (finite values or +infinity).
    public private(set) var aboveRange: Int
    /// The number of NaN values.
    public private(set) var nanCount: Int

    /// Every value seen: the binned ones plus those below, above and NaN.
    ///
    /// ```swift
    /// let h = try histogram([1.0, 2.0, 9.0, .nan], edges: [0, 5])
    /// // h.total == 4: counts [2], aboveRange 1, nanCount 1
    /// ```
    ///
    /// - Returns: `counts.sum + belowRange + aboveRange + nanCount`.
    /// - Complexity: O(number of bins).
    @inlinable
    public var total: Int {
        counts.reduce(0, +) + belowRange + aboveRange + nanCount
    }

    @usableFromInline
    init(edges: [Double], counts: [Int], belowRange: Int, aboveRange: Int, nanCount: Int) {
        self.edges = edges
        self.counts = counts
        self.belowRange = belowRange
        self.aboveRange = aboveRange
        self.nanCount = nanCount
    }
}

/// Counts `values` in `bins` equal-width bins, like `numpy.histogram(values, bins, range)`.
///
/// The edges are numpy's bit for bit: `edges[i] = Double(i) * step + lower` with
/// `step = (upper - lower) / bins`, and `edges[bins] = upper`. Without a range the data's
/// minimum and maximum are used (`0...1` for an empty array); a zero-width range is widened by
/// 0.5 on each side. Values outside the range go to ``Histogram/belowRange`` and
/// ``Histogram/aboveRange``, NaN to ``Histogram/nanCount``.
///
/// ```swift
/// let h = try histogram([1.0, 2, 2, 3, 3, 3, 4], bins: 3)
/// // h.edges == [1, 2, 3, 4], h.counts == [1, 2, 4]
/// let f = try histogram([Float(0.25), 0.75], bins: 2, range: 0...1)
/// // f.counts == [1, 1]
/// ```
///
/// `Float` (and other) values are promoted exactly to `Double` and compared with `Double`
/// edges; numpy would compute `float32` edges for `float32` data, so bins can differ for values
/// within a `Float` rounding of an edge. The hot loop is vectorised (eight values per step).
///
/// - Parameters:
///   - values: The sample; NaN and infinities are allowed when `range` is given.
///   - bins: The number of bins, at least 1.
///   - range: The outer edges; `nil` uses the data's minimum and maximum.
/// - Returns: The histogram, with `bins` counts and `bins + 1` edges.
/// - Throws: ``StatisticsError/tooFewBins(requested:minimum:)`` when `bins < 1`;
///   ``StatisticsError/invalidRange(lower:upper:)`` for a non-finite range or
///   `lower > upper`; ``StatisticsError/nonFiniteValue(sample:index:value:)`` when `range` is
///   `nil` and the data contain NaN or an infinity (the range would not be finite);
///   ``StatisticsError/invalidArgument(name:reason:)`` when the range is too narrow for
///   `bins` distinct finite edges.
/// - Complexity: O(n + bins).
@inlinable
public func histogram<T: BinaryFloatingPoint & SIMDScalar>(
    _ values: [T], bins: Int, range: ClosedRange<Double>? = nil
) throws -> Histogram {
    try histogram(values, bins: bins, bounds: range.map { ($0.lowerBound, $0.upperBound) })
}

/// ``histogram(_:bins:range:)`` with the range as a plain pair, so that reversed or NaN bounds
/// (which a `ClosedRange` cannot hold) reach the validation too.
@inlinable
func histogram<T: BinaryFloatingPoint & SIMDScalar>(
    _ values: [T], bins: Int, bounds: (lower: Double, upper: Double)?
) throws -> Histogram {
    guard bins >= 1 else { throw StatisticsError.tooFewBins(requested: bins, minimum: 1) }
    let binning: HistogramBinning
    if let bounds {
        binning = try HistogramBinning(bins: bins, lower: bounds.lower, upper: bounds.upper)
    } else {
        let (lower, upper) = try autodetectedRange(values)
        binning = try HistogramBinning(bins: bins, lower: lower, upper: upper)
    }
    var slots = [Int](repeating: 0, count: binning.slotCount)
    binning.tally(values, into: &slots)
    return binning.histogram(fromSlots: slots)
}

/// Counts `values` in the bins delimited by explicit `edges`, like
/// `numpy.histogram(values, bins=edges)`.
///
/// Bin `i` is `edges[i] <= x < edges[i + 1]`, the last bin is closed. Equal neighbouring edges
/// make an always-empty bin; infinite edges are allowed (`[-.infinity, 0, .infinity]` counts
/// every non-NaN value). Values outside the edges go to ``Histogram/belowRange`` and
/// ``Histogram/aboveRange``, NaN to ``Histogram/nanCount``.
///
/// ```swift
/// let h = try histogram([-3.0, -0.5, 0.0, 0.1, 7], edges: [-1, 0, 1])
/// // h.counts == [1, 2], h.belowRange == 1, h.aboveRange == 1
/// ```
///
/// `Float` (and other) values are promoted exactly to `Double` before comparing. Equal-width
/// edges (as from ``uniformBinEdges(lower:upper:count:)``) are recognised and binned
/// arithmetically; up to 4 other bins use a vectorised scan of the edges; otherwise a cell
/// lookup table gives an arithmetic guess that one comparison corrects (binary search only for
/// clustered edges and edges without a finite span). Every path follows the edge rule exactly.
///
/// - Parameters:
///   - values: The sample; NaN and infinities are allowed.
///   - edges: At least two non-decreasing, non-NaN edges.
/// - Returns: The histogram, with `edges.count - 1` counts.
/// - Throws: ``StatisticsError/tooFewBins(requested:minimum:)`` for fewer than two edges,
///   ``StatisticsError/invalidEdges(index:reason:)`` for a NaN edge or a decrease.
/// - Complexity: O(n + edges.count) for typical edges; O(n log(edges.count)) at worst
///   (strongly clustered edges).
@inlinable
public func histogram<T: BinaryFloatingPoint & SIMDScalar>(
    _ values: [T], edges: [Double]
) throws -> Histogram {
    let binning = try HistogramBinning(edges: edges)
    var slots = [Int](repeating: 0, count: binning.slotCount)
    binning.tally(values, into: &slots)
    return binning.histogram(fromSlots: slots)
}
