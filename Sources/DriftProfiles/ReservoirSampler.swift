import Foundation
import DriftStatistics

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
    var capacity: Int { schedule.capacity }
    /// The sample: every value while ``seen`` ≤ ``capacity``, otherwise a uniform sample of
    /// ``capacity`` of them (in no particular order).
    private(set) var values: [Double] = []
    /// Which values the sample keeps (Algorithm L, shared with the multivariate row samples).
    private var schedule: ReservoirSchedule

    /// An empty sampler keeping at most `capacity` values (a capacity below 1 is taken as 1).
    init(capacity: Int, generator: SplitMix64) {
        schedule = ReservoirSchedule(capacity: capacity, generator: generator)
    }

    /// The number of values offered so far.
    var seen: Int { schedule.seen }

    /// Whether the sample is every value offered (nothing was dropped).
    var isExact: Bool { schedule.isExact }

    /// Offers the next value of the stream.
    ///
    /// - Complexity: O(1) amortised.
    mutating func add(_ value: Double) {
        switch schedule.offer() {
        case .append: values.append(value)
        case .replace(let slot): values[slot] = value
        case .skip: break
        }
    }
}
