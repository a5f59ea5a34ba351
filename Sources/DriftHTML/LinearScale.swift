import Foundation

/// Maps a numeric domain onto a pixel range linearly, and chooses "nice" ticks for it
/// (steps of 1, 2 or 5 times a power of ten, as most plotting libraries do).
///
/// ```swift
/// let x = LinearScale(domain: 0...37, range: 40...600).nice()
/// x.domain        // 0...40
/// x.ticks()       // [0, 10, 20, 30, 40]
/// x.position(20)  // 320
/// ```
package struct LinearScale: Sendable, Hashable {
    /// The values shown.
    package let domain: ClosedRange<Double>
    /// The pixels they map to (`lowerBound` ↔ `domain.lowerBound`; may be reversed by `flipped`).
    package let range: ClosedRange<Double>
    /// Whether the domain's lower end maps to the range's upper end (a y axis: up is smaller y).
    package let flipped: Bool

    /// A scale; a domain of zero width is widened by one unit each way (or 1 % of its value).
    ///
    /// - Parameters:
    ///   - domain: The values.
    ///   - range: The pixels.
    ///   - flipped: Map the domain's lower end to the range's upper end.
    package init(domain: ClosedRange<Double>, range: ClosedRange<Double>, flipped: Bool = false) {
        var domain = domain
        if !(domain.upperBound > domain.lowerBound) {
            let pad = domain.lowerBound == 0 ? 1 : abs(domain.lowerBound) * 0.01
            domain = (domain.lowerBound - pad)...(domain.lowerBound + pad)
        }
        self.domain = domain
        self.range = range
        self.flipped = flipped
    }

    /// The pixel position of `value` (values outside the domain extrapolate).
    ///
    /// - Complexity: O(1).
    package func position(_ value: Double) -> Double {
        let fraction = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        let span = range.upperBound - range.lowerBound
        return flipped ? range.upperBound - fraction * span : range.lowerBound + fraction * span
    }

    /// The tick step for about `count` ticks: 1, 2 or 5 × 10^k.
    ///
    /// - Complexity: O(1).
    package func step(count: Int = 5) -> Double {
        let raw = (domain.upperBound - domain.lowerBound) / Double(max(1, count))
        let power = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / power
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10
        return nice * power
    }

    /// The scale with its domain widened outwards to whole tick steps.
    ///
    /// - Complexity: O(1).
    package func nice(count: Int = 5) -> LinearScale {
        let step = step(count: count)
        let lower = (domain.lowerBound / step).rounded(.down) * step
        let upper = (domain.upperBound / step).rounded(.up) * step
        return LinearScale(domain: lower...upper, range: range, flipped: flipped)
    }

    /// The tick values inside the domain, multiples of ``step(count:)``.
    ///
    /// - Complexity: O(count).
    package func ticks(count: Int = 5) -> [Double] {
        let step = step(count: count)
        let first = (domain.lowerBound / step).rounded(.up)
        let last = (domain.upperBound / step).rounded(.down)
        guard first <= last, last - first < 1_000 else { return [] }
        return stride(from: first, through: last, by: 1).map { value in
            let tick = value * step
            return abs(tick) < step * 1e-9 ? 0 : tick
        }
    }
}
