import Foundation

/// Maps positive values onto pixels by their base-10 logarithm, with a tick at every power of
/// ten (every second or third one when there are many): the p-value axis.
///
/// ```swift
/// let y = LogScale(domain: 1e-6...1, range: 10...210, flipped: true)
/// y.ticks()        // [1e-6, 1e-5, …, 1]
/// y.position(1e-3) // 110
/// ```
package struct LogScale: Sendable, Hashable {
    /// The positive values shown.
    package let domain: ClosedRange<Double>
    /// The pixels.
    package let range: ClosedRange<Double>
    /// Whether the domain's lower end maps to the range's upper end.
    package let flipped: Bool

    /// A scale over the whole decades around `domain` (both ends clamped to at least 1e-300).
    ///
    /// - Parameters:
    ///   - domain: The values (positive).
    ///   - range: The pixels.
    ///   - flipped: Map the domain's lower end to the range's upper end.
    package init(domain: ClosedRange<Double>, range: ClosedRange<Double>, flipped: Bool = false) {
        let lower = pow(10, log10(max(domain.lowerBound, 1e-300)).rounded(.down))
        var upper = pow(10, log10(max(domain.upperBound, 1e-300)).rounded(.up))
        if !(upper > lower) { upper = lower * 10 }
        self.domain = lower...upper
        self.range = range
        self.flipped = flipped
    }

    /// The pixel position of `value`; values at or below 0 sit at the domain's lower end.
    ///
    /// - Complexity: O(1).
    package func position(_ value: Double) -> Double {
        let low = log10(domain.lowerBound)
        let high = log10(domain.upperBound)
        let clamped = value > 0 ? log10(value) : low
        let fraction = (clamped - low) / (high - low)
        let span = range.upperBound - range.lowerBound
        return flipped ? range.upperBound - fraction * span : range.lowerBound + fraction * span
    }

    /// Powers of ten inside the domain, thinned to at most `maximum` ticks.
    ///
    /// - Complexity: O(decades).
    package func ticks(maximum: Int = 8) -> [Double] {
        let low = Int(log10(domain.lowerBound).rounded())
        let high = Int(log10(domain.upperBound).rounded())
        let every = max(1, Int((Double(high - low) / Double(max(1, maximum - 1))).rounded(.up)))
        return stride(from: high, through: low, by: -every).reversed().map { pow(10, Double($0)) }
    }
}
