/// The `count + 1` edges of `count` equal-width bins from `lower` to `upper`, computed exactly
/// as `numpy.linspace(lower, upper, count + 1)` does, so bin membership matches numpy's.
///
/// `edges[i] = Double(i) * step + lower` with `step = (upper - lower) / count` (the product and
/// the sum each rounded once), and `edges[count] = upper` exactly. When `step` underflows to zero
/// (subnormal ranges) the edges are `(Double(i) / count) * (upper - lower) + lower`.
///
/// ```swift
/// let edges = try uniformBinEdges(lower: 0, upper: 1, count: 10)
/// // edges[3] == 0.30000000000000004, as in numpy
/// ```
///
/// - Parameters:
///   - lower: The left edge of the first bin (finite).
///   - upper: The right edge of the last bin (finite, `>= lower`).
///   - count: The number of bins, at least 1.
/// - Returns: `count + 1` non-decreasing edges.
/// - Throws: ``StatisticsError/tooFewBins(requested:minimum:)`` when `count < 1`,
///   ``StatisticsError/invalidRange(lower:upper:)`` for non-finite bounds or `lower > upper`.
/// - Complexity: O(`count`).
public func uniformBinEdges(lower: Double, upper: Double, count: Int) throws -> [Double] {
    guard count >= 1 else { throw StatisticsError.tooFewBins(requested: count, minimum: 1) }
    guard lower.isFinite, upper.isFinite, lower <= upper else {
        throw StatisticsError.invalidRange(lower: lower, upper: upper)
    }
    let span = upper - lower
    let step = span / Double(count)
    var edges = [Double](repeating: 0, count: count + 1)
    for index in 0..<count {
        if step != 0 {
            let offset = Double(index) * step
            edges[index] = offset + lower
        } else {
            let fraction = Double(index) / Double(count)
            let offset = fraction * span
            edges[index] = offset + lower
        }
    }
    edges[count] = upper
    return edges
}
