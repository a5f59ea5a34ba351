import Foundation

/// A seeded uniform reservoir sample of at most `capacity` values from a stream of unknown
/// length (Li's Algorithm L, 1994): every value of the stream ends up in the sample with the
/// same probability `capacity / seen`.
///
/// Below the capacity the sample is every value, in stream order. Above it, instead of drawing
/// a random number per value (Algorithm R), Algorithm L draws how many values to skip before
/// the next replacement, so the cost per value after the reservoir is full is one comparison.
///
/// ```swift
/// var sampler = ReservoirSampler(capacity: 1_000, generator: SplitMix64(seed: 7))
/// for value in stream { sampler.add(value) }
/// sampler.values.count   // min(1_000, stream count)
/// sampler.isExact        // true while nothing was dropped
/// ```
///
/// - Complexity: O(1) amortised per value; O(capacity · (1 + log(n / capacity))) random draws
///   in total; memory O(capacity).
struct ReservoirSampler: Sendable {
    /// The largest sample kept (at least 1).
    let capacity: Int
    /// The sample: every value while ``seen`` ≤ ``capacity``, otherwise a uniform sample of
    /// ``capacity`` of them (in no particular order).
    private(set) var values: [Double] = []
    /// The number of values offered so far.
    private(set) var seen = 0
    private var generator: SplitMix64
    /// Algorithm L's `W`: the largest of `capacity` uniform keys, shrinking with every replacement.
    private var weight = 1.0
    /// The 1-based stream position of the next value that replaces a sample element.
    private var nextReplacement = Int.max

    /// An empty sampler.
    ///
    /// - Parameters:
    ///   - capacity: The sample size; values below 1 are treated as 1.
    ///   - generator: The seeded random source (the sample is a function of the seed and the
    ///     stream).
    init(capacity: Int, generator: SplitMix64) {
        self.capacity = max(capacity, 1)
        self.generator = generator
    }

    /// Whether ``values`` holds every value offered.
    var isExact: Bool { seen <= capacity }

    /// Offers one value to the sample.
    ///
    /// - Complexity: O(1) amortised.
    mutating func add(_ value: Double) {
        seen += 1
        if seen <= capacity {
            values.append(value)
            if seen == capacity {
                weight = exp(log(generator.nextOpenUnit()) / Double(capacity))
                scheduleNextReplacement()
            }
            return
        }
        guard seen == nextReplacement else { return }
        values[generator.nextIndex(below: capacity)] = value
        weight *= exp(log(generator.nextOpenUnit()) / Double(capacity))
        scheduleNextReplacement()
    }

    /// Draws the geometric skip `floor(log(u) / log(1 - W))` to the next replacement.
    private mutating func scheduleNextReplacement() {
        let skip = (log(generator.nextOpenUnit()) / log1p(-weight)).rounded(.down)
        // A huge (or, for W rounding to 1, NaN-free zero) skip: clamp instead of trapping.
        guard skip.isFinite, skip >= 0, skip < Double(Int.max - seen - 1) else {
            nextReplacement = skip.isFinite && skip < 0 ? seen + 1 : Int.max
            return
        }
        nextReplacement = seen + Int(skip) + 1
    }
}
