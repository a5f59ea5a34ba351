/// The plain scalar histogram: every value is placed by the edge rule with a binary search over
/// `edges`, one value at a time, without the arithmetic guesses or vector code of the kernels.
///
/// It is the reference the tests cross-check the SIMD paths against; it is not used by the
/// public API.
///
/// - Parameters:
///   - values: The sample, any binary floating-point type (promoted exactly to `Double`).
///   - edges: At least two non-decreasing, non-NaN edges.
/// - Returns: The histogram by the edge rule.
/// - Throws: The errors of ``histogram(_:edges:)`` for invalid edges.
/// - Complexity: O(n log(edges.count)).
@usableFromInline
func histogramScalar<T: BinaryFloatingPoint>(_ values: [T], edges: [Double]) throws -> Histogram {
    let binning = try HistogramBinning(edges: edges)
    var slots = [Int](repeating: 0, count: binning.slotCount)
    for value in values {
        slots[binning.slot(of: Double(value))] += 1
    }
    return binning.histogram(fromSlots: slots)
}
