import Foundation

/// Where each item of a stream of unknown length goes in a seeded uniform reservoir sample of
/// at most `capacity` items (Li's Algorithm L, 1994), without holding the items themselves.
///
/// The schedule depends only on the seed and on how many items were offered, never on their
/// contents, so one schedule can drive a sample of anything (a number, a whole table row), and
/// two readers of the same stream with the same seed pick the same items.
///
/// ```swift
/// var schedule = ReservoirSchedule(capacity: 2_000, generator: SplitMix64(seed: 7))
/// var rows: [[Double]] = []
/// for row in stream {
///     switch schedule.offer() {
///     case .append: rows.append(row)
///     case .replace(let slot): rows[slot] = row
///     case .skip: break
///     }
/// }
/// ```
///
/// Below the capacity every item is appended, in stream order. Above it, instead of drawing a
/// random number per item (Algorithm R), Algorithm L draws how many items to skip before the
/// next replacement, so the cost per item after the reservoir is full is one comparison.
///
/// - Complexity: O(1) amortised per item; O(capacity · (1 + log(n / capacity))) random draws in
///   total; O(1) memory.
public struct ReservoirSchedule: Sendable, Hashable {
    /// What to do with the item just offered.
    public enum Decision: Sendable, Hashable {
        /// The reservoir is not full yet: append the item.
        case append
        /// Replace the item in this slot (`0..<capacity`).
        case replace(slot: Int)
        /// Leave the item out.
        case skip
    }

    /// The largest sample kept (at least 1).
    public let capacity: Int
    /// The number of items offered so far.
    public private(set) var seen = 0
    @usableFromInline var generator: SplitMix64
    /// Algorithm L's `W`: the largest of `capacity` uniform keys, shrinking with every replacement.
    @usableFromInline var weight = 1.0
    /// The 1-based position of the next item that replaces one in the reservoir.
    @usableFromInline var nextReplacement = Int.max

    /// A schedule for a reservoir of `capacity` items (a capacity below 1 is taken as 1).
    ///
    /// - Parameters:
    ///   - capacity: The largest sample kept.
    ///   - generator: The seeded generator the skips and slots are drawn from.
    public init(capacity: Int, generator: SplitMix64) {
        self.capacity = max(capacity, 1)
        self.generator = generator
    }

    /// Whether every item offered so far is in the sample (nothing was left out).
    public var isExact: Bool { seen <= capacity }

    /// Offers the next item of the stream and says where it goes.
    ///
    /// - Returns: ``Decision/append`` while the reservoir fills, then ``Decision/replace(slot:)``
    ///   for the items the sample takes and ``Decision/skip`` for the others.
    /// - Complexity: O(1); a replacement draws three random numbers.
    public mutating func offer() -> Decision {
        seen += 1
        if seen <= capacity {
            if seen == capacity {
                weight = exp(log(generator.nextOpenUnit()) / Double(capacity))
                scheduleNextReplacement()
            }
            return .append
        }
        guard seen == nextReplacement else { return .skip }
        let slot = generator.nextIndex(below: capacity)
        weight *= exp(log(generator.nextOpenUnit()) / Double(capacity))
        scheduleNextReplacement()
        return .replace(slot: slot)
    }

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
