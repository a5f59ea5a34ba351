/// A Wasserstein distance together with its scale-free version, when that exists.
///
/// The distance is defined for any two samples; the normalized distance only when the
/// reference varies. A constant reference (a flag that was always 0 in training) that moves is
/// exactly the drift a user wants to see, so a constant reference never costs the distance:
/// ``normalized`` is `nil` and ``normalizedUnavailableReason`` says why.
///
/// ```swift
/// let result = try normalizedWasserstein(reference: reference, production: production)
/// print(result.distance)                        // e.g. 0.5 (units of the data)
/// print(result.normalized ?? .nan)              // 0.25 (reference SDs), nil for a constant reference
/// ```
public struct WassersteinResult: Sendable, Hashable {
    /// The first Wasserstein distance, in the units of the data. Always defined.
    public let distance: Double
    /// `distance / referenceStandardDeviation`: the shift in reference standard deviations,
    /// comparable across features; `nil` when the reference is constant (see
    /// ``normalizedUnavailableReason``).
    public let normalized: Double?
    /// The population standard deviation (ddof 0) of the reference sample, `>= 0`.
    public let referenceStandardDeviation: Double
    /// Why ``normalized`` is `nil` (one line, naming the sample and its constant value), or
    /// `nil` when it is defined.
    public let normalizedUnavailableReason: String?

    @usableFromInline
    internal init(distance: Double, referenceStandardDeviation: Double, constantReference: (label: String, value: Double)?) {
        self.distance = distance
        self.referenceStandardDeviation = referenceStandardDeviation
        if let constantReference {
            normalized = nil
            normalizedUnavailableReason =
                "\(constantReference.label) is constant (\(constantReference.value)); its standard deviation is 0"
        } else {
            normalized = distance / referenceStandardDeviation
            normalizedUnavailableReason = nil
        }
    }
}

/// The Wasserstein distance between reference and production, and the same distance divided
/// by the reference's population standard deviation when the reference varies.
///
/// A shift of the whole distribution by one reference standard deviation gives
/// `normalized == 1`, whatever the units of the feature. A constant reference has no scale:
/// the distance is still returned (`scipy.stats.wasserstein_distance` is defined there) and
/// `normalized` is `nil` with the reason.
///
/// ```swift
/// let reference = try SortedSample([1.0, 2, 3, 4], label: "reference")
/// let production = try SortedSample([2.0, 3, 4, 5], label: "production")
/// let result = try normalizedWasserstein(reference: reference, production: production)
/// result.distance                     // 1.0
/// result.referenceStandardDeviation   // 1.118...
/// result.normalized                   // 0.894...
///
/// let flag = try SortedSample([2.0, 2, 2], label: "reference")
/// let moved = try SortedSample([-1.0, -1], label: "production")
/// try normalizedWasserstein(reference: flag, production: moved).distance     // 3.0, normalized nil
/// ```
///
/// - Parameters:
///   - reference: The reference sample; it sets the scale.
///   - production: The production sample.
/// - Returns: The distance, the reference standard deviation and, when it is positive, their ratio.
/// - Throws: ``StatisticsError/overflow(quantity:reason:)`` when the distance between finite
///   samples exceeds the largest double (values near ±1.8e308 on both sides).
/// - Complexity: O(n + m).
@inlinable
public func normalizedWasserstein(reference: SortedSample, production: SortedSample) throws -> WassersteinResult {
    let distance = try wassersteinDistance(reference, production)
    guard distance.isFinite else {
        throw StatisticsError.overflow(
            quantity: "the Wasserstein distance",
            reason: "the samples span more than the largest double")
    }
    guard reference.minimum < reference.maximum else {
        return WassersteinResult(
            distance: distance, referenceStandardDeviation: 0,
            constantReference: (reference.label, reference.minimum))
    }
    // Scaled by a power of two internally, so finite and > 0 for a non-constant finite sample.
    let deviation = wassersteinPopulationStandardDeviation(reference.values)
    return WassersteinResult(distance: distance, referenceStandardDeviation: deviation, constantReference: nil)
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
    var total = SummaryStatistics.NeumaierSum()
    for value in values { total.add(value * down) }
    let mean = total.value / count
    var squares = SummaryStatistics.NeumaierSum()
    for value in values {
        let deviation = value * down - mean
        squares.add(deviation * deviation)
    }
    let scaled = (squares.value / count).squareRoot()
    return scaled * Double(sign: .plus, exponent: exponent, significand: 1)
}
