import DriftSources
import Foundation

/// One past run's window and the rows it held, as the run history recorded them.
public struct VolumeObservation: Sendable, Hashable {
    /// The window's start.
    public var windowStart: Date
    /// The window's end (exclusive).
    public var windowEnd: Date
    /// The rows in the window.
    public var rows: Int

    /// An observation from its parts.
    ///
    /// - Parameters:
    ///   - windowStart: The window's start.
    ///   - windowEnd: The window's end.
    ///   - rows: The rows in it.
    public init(windowStart: Date, windowEnd: Date, rows: Int) {
        (self.windowStart, self.windowEnd, self.rows) = (windowStart, windowEnd, rows)
    }
}

/// The row count a window is expected to have, from the run history: a robust band around
/// the median of comparable past windows.
///
/// Traffic has daily and weekly cycles, so the comparable windows are, first, the same time
/// of day on each of the last `days` days plus the same time of week on each of the last
/// `weeks` weeks (the *seasonal* basis); when fewer than `min_history` of those exist, the
/// last `recent_runs` runs (the *recent* basis); with fewer still, there is no baseline and no
/// volume alert. Only windows of the same length that ended at or before this window's start
/// count, so a backfill (`--at` in the past) sees what the live run would have seen.
///
/// The band is the median ± the larger of `width` robust standard deviations
/// (1.4826 × the median absolute deviation), `width` Poisson standard deviations (√median, so
/// a perfectly regular history does not give a band of zero width) and `min_relative_change`
/// of the median; the lower end is at least 0.
///
/// ```swift
/// let window = try TimeWindow(end: end, duration: 3_600)
/// if let baseline = VolumeBaseline(observations: history, window: window, rule: HealthConfiguration.Volume()) {
///     print(baseline.lower, baseline.upper, baseline.basis)
/// }
/// ```
public struct VolumeBaseline: Sendable, Hashable, Codable {
    /// Which past windows the baseline is made of.
    public enum Basis: String, Sendable, Hashable, Codable {
        /// The same time of day and of week as the window.
        case seasonal
        /// The most recent runs.
        case recent
    }

    /// Which past windows the baseline is made of.
    public let basis: Basis
    /// How many past windows it is made of.
    public let runs: Int
    /// Their median row count.
    public let median: Double
    /// The band's lower end (at least 0).
    public let lower: Double
    /// The band's upper end.
    public let upper: Double

    /// The baseline for `window` from `observations`, or nil when the history is too short.
    ///
    /// - Parameters:
    ///   - observations: Past runs (any order; duplicates of one window count once, the
    ///     first given wins).
    ///   - window: The window to judge.
    ///   - rule: Days, weeks, recent runs, minimum history and band width.
    /// - Complexity: O(n log n) for n observations.
    public init?(observations: [VolumeObservation], window: TimeWindow, rule: HealthConfiguration.Volume) {
        let duration = window.duration
        var seen = Set<Date>()
        let usable = observations.filter { observation in
            abs(observation.windowEnd.timeIntervalSince(observation.windowStart) - duration) < 1
                && observation.windowEnd <= window.start && seen.insert(observation.windowEnd).inserted
        }.sorted { $0.windowEnd > $1.windowEnd }
        let seasonal = Self.seasonal(usable, window: window, rule: rule)
        let counts: [Int]
        if seasonal.count >= rule.minHistory {
            (basis, counts) = (.seasonal, seasonal)
        } else {
            let recent = usable.prefix(rule.recentRuns).map(\.rows)
            guard recent.count >= rule.minHistory else { return nil }
            (basis, counts) = (.recent, Array(recent))
        }
        let values = counts.map(Double.init)
        let median = Self.median(values)
        let deviation = 1.4826 * Self.median(values.map { abs($0 - median) })
        let half = max(rule.width * deviation, rule.width * median.squareRoot(), rule.minRelativeChange * median)
        self.runs = counts.count
        self.median = median
        self.lower = max(0, median - half)
        self.upper = median + half
    }

    /// How far back the history must reach for `rule` (the oldest seasonal window, plus a day).
    ///
    /// - Parameter rule: The volume rule.
    /// - Returns: Seconds before the window's end.
    public static func lookback(_ rule: HealthConfiguration.Volume) -> TimeInterval {
        Double(max(rule.days, 7 * rule.weeks) + 1) * 86_400
    }

    /// The direction in which `rows` leaves the band, or nil inside it. An empty window is
    /// always low, whatever the band.
    ///
    /// - Parameter rows: The window's row count.
    /// - Returns: `.low`, `.high` or nil.
    public func anomaly(rows: Int) -> DataHealth.Direction? {
        if rows == 0 || Double(rows) < lower { return .low }
        if Double(rows) > upper { return .high }
        return nil
    }

    /// The row counts of the windows that end a whole number of days (within `days`) or weeks
    /// (within `weeks`) before `window`, each the closest run within half a window of it.
    private static func seasonal(_ usable: [VolumeObservation], window: TimeWindow, rule: HealthConfiguration.Volume) -> [Int] {
        var offsets = rule.days > 0 ? (1...rule.days).map { Double($0) * 86_400 } : []
        if rule.weeks > 0 {
            offsets += (1...rule.weeks).filter { 7 * $0 > rule.days }.map { Double($0) * 604_800 }
        }
        let tolerance = window.duration / 2
        var counts: [Int] = []
        for offset in offsets {
            let target = window.end.addingTimeInterval(-offset)
            let nearest = usable
                .filter { abs($0.windowEnd.timeIntervalSince(target)) <= tolerance }
                .min { abs($0.windowEnd.timeIntervalSince(target)) < abs($1.windowEnd.timeIntervalSince(target)) }
            if let nearest { counts.append(nearest.rows) }
        }
        return counts
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
