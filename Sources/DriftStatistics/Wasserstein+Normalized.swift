/// A Wasserstein distance together with its scale-free version.
///
/// ```swift
/// let result = try normalizedWasserstein(reference: reference, production: production)
/// print(result.distance, result.normalized)   // e.g. 0.5 (units of the data), 0.25 (reference SDs)
/// ```
public struct WassersteinResult: Sendable, Hashable {
    /// The first Wasserstein distance, in the units of the data.
    public let distance: Double
    /// `distance / referenceStandardDeviation`: the shift in reference standard deviations,
    /// comparable across features.
    public let normalized: Double
    /// The population standard deviation (ddof 0) of the reference sample, `> 0`.
    public let referenceStandardDeviation: Double

    @usableFromInline
    internal init(distance: Double, normalized: Double, referenceStandardDeviation: Double) {
        self.distance = distance
        self.normalized = normalized
        self.referenceStandardDeviation = referenceStandardDeviation
    }
}

/// The Wasserstein distance between reference and production, and the same distance divided
/// by the reference's population standard deviation.
///
/// A shift of the whole distribution by one reference standard deviation gives
/// `normalized == 1`, whatever the units of the feature.
///
/// ```swift
/// let reference = try SortedSample([1.0, 2, 3, 4], label: "reference")
/// let production = try SortedSample([2.0, 3, 4, 5], label: "production")
/// let result = try normalizedWasserstein(reference: reference, production: production)
/// result.distance                     // 1.0
/// result.referenceStandardDeviation   // 1.118...
/// result.normalized                   // 0.894...
/// ```
///
/// - Parameters:
///   - reference: The reference sample; it sets the scale.
///   - production: The production sample.
/// - Returns: The distance, the reference standard deviation and their ratio.
/// - Throws: ``StatisticsError/degenerateReference(reason:)`` when the reference is constant
///   (standard deviation 0).
/// - Complexity: O(n + m).
@inlinable
public func normalizedWasserstein(reference: SortedSample, production: SortedSample) throws -> WassersteinResult {
    guard reference.minimum < reference.maximum else {
        throw StatisticsError.degenerateReference(
            reason: "\(reference.label) is constant (\(reference.minimum)); its standard deviation is 0")
    }
    let deviation = wassersteinPopulationStandardDeviation(reference.values)
    guard deviation > 0, deviation.isFinite else {
        throw StatisticsError.degenerateReference(
            reason: "\(reference.label) has standard deviation \(deviation)")
    }
    let distance = try wassersteinDistance(reference, production)
    return WassersteinResult(
        distance: distance, normalized: distance / deviation, referenceStandardDeviation: deviation)
}

/// The population standard deviation (ddof 0) by two passes with compensated sums.
///
/// The values are scaled by a power of two (exact) so that neither the sum nor the squares
/// can overflow or underflow, and the result is scaled back.
@usableFromInline
internal func wassersteinPopulationStandardDeviation(_ values: [Double]) -> Double {
    var largest = 0.0
    for value in values { largest = max(largest, abs(value)) }
    guard largest > 0 else { return 0 }
    // Clamped so that both 2^-exponent and 2^exponent are finite normal numbers.
    let exponent = min(max(Int(largest.exponent), -1000), 1000)
    let down = Double(sign: .plus, exponent: -exponent, significand: 1)
    let count = Double(values.count)
    var total = SummaryStatistics.CompensatedSum()
    for value in values { total.add(value * down) }
    let mean = total.value / count
    var squares = SummaryStatistics.CompensatedSum()
    for value in values {
        let deviation = value * down - mean
        squares.add(deviation * deviation)
    }
    let scaled = (squares.value / count).squareRoot()
    return scaled * Double(sign: .plus, exponent: exponent, significand: 1)
}
