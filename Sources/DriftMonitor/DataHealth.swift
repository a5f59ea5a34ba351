import Foundation

/// What the data-health checks found in one run: the window's volume against its baseline,
/// the age of the newest production row, and per feature whether its missing share spiked.
/// Recorded with the run in the history (so the next run resolves the alerts), pushed as
/// metrics and alerted on (`ProductionVolumeAnomaly`, `ProductionDataStale`,
/// `FeatureMissingSpike`).
///
/// ```swift
/// let run = try runCheck(configuration, windowEnd: Date())
/// if let volume = run.health?.volume, let direction = volume.anomaly {
///     print("volume \(direction): \(volume.rows) rows, expected \(volume.baseline?.lower ?? 0)…")
/// }
/// ```
public struct DataHealth: Sendable, Hashable, Codable {
    /// Which side of the band a row count fell on.
    public enum Direction: String, Sendable, Hashable, Codable {
        /// Fewer rows than expected (or none).
        case low
        /// More rows than expected.
        case high
    }

    /// The window's row count judged against the history.
    public struct Volume: Sendable, Hashable, Codable {
        /// The rows in the window.
        public let rows: Int
        /// The expected band, nil when the history is too short.
        public let baseline: VolumeBaseline?
        /// The side of the band the count fell on, nil inside it (or without a baseline).
        public let anomaly: Direction?
        /// Why there is no baseline (nil when there is one).
        public let reason: String?

        /// A volume finding from its parts.
        ///
        /// - Parameters:
        ///   - rows: The window's rows.
        ///   - baseline: The band, if any.
        ///   - reason: Why there is no band.
        public init(rows: Int, baseline: VolumeBaseline?, reason: String? = nil) {
            self.rows = rows
            self.baseline = baseline
            self.anomaly = baseline?.anomaly(rows: rows)
            self.reason = baseline == nil ? (reason ?? "not enough history") : nil
        }
    }

    /// The age of the newest production row at the window's end.
    public struct Freshness: Sendable, Hashable, Codable {
        /// The newest row's timestamp at or before the window's end, nil when no row was found
        /// within ``searched`` seconds.
        public let newest: Date?
        /// The age limit in seconds.
        public let maxAge: TimeInterval
        /// How far back before the window's end the source was searched.
        public let searched: TimeInterval
        /// Whether the newest row is older than the limit (or was not found).
        public let stale: Bool

        /// A freshness finding.
        ///
        /// - Parameters:
        ///   - newest: The newest row time, if found.
        ///   - windowEnd: The window's end.
        ///   - maxAge: The limit.
        ///   - searched: How far back the source was searched.
        public init(newest: Date?, windowEnd: Date, maxAge: TimeInterval, searched: TimeInterval) {
            self.newest = newest
            self.maxAge = maxAge
            self.searched = searched
            self.stale = newest.map { windowEnd.timeIntervalSince($0) > maxAge } ?? true
        }

        /// Seconds between the newest row and `windowEnd`, nil when no row was found.
        public func age(at windowEnd: Date) -> TimeInterval? { newest.map { windowEnd.timeIntervalSince($0) } }
    }

    /// One feature's missing share in the window against the reference's.
    public struct MissingCheck: Sendable, Hashable, Codable {
        /// The feature.
        public let feature: String
        /// Missing cells over rows in the reference.
        public let referenceRatio: Double
        /// Missing cells over rows in the window.
        public let productionRatio: Double
        /// The one-sided Fisher exact p-value of a rise (1 when the window is empty).
        public let pValue: Double
        /// Whether the rise is significant at the rule's alpha and at least its `min_change`.
        public let spiked: Bool

        /// A missing-share finding from its parts.
        ///
        /// - Parameters:
        ///   - feature: The feature.
        ///   - referenceRatio: The reference's missing share.
        ///   - productionRatio: The window's missing share.
        ///   - pValue: The test's p-value.
        ///   - spiked: Whether it counts as a spike.
        public init(feature: String, referenceRatio: Double, productionRatio: Double, pValue: Double, spiked: Bool) {
            (self.feature, self.referenceRatio, self.productionRatio) = (feature, referenceRatio, productionRatio)
            (self.pValue, self.spiked) = (pValue, spiked)
        }
    }

    /// The volume finding (nil: not checked).
    public var volume: Volume?
    /// The freshness finding (nil: not checked).
    public var freshness: Freshness?
    /// One finding per feature that was read (empty: not checked).
    public var missing: [MissingCheck]

    /// Findings from their parts.
    ///
    /// - Parameters:
    ///   - volume: The volume finding.
    ///   - freshness: The freshness finding.
    ///   - missing: The per-feature missing findings.
    public init(volume: Volume? = nil, freshness: Freshness? = nil, missing: [MissingCheck] = []) {
        (self.volume, self.freshness, self.missing) = (volume, freshness, missing)
    }

    /// The features whose missing share spiked.
    public var spikedFeatures: [String] { missing.filter(\.spiked).map(\.feature) }

    /// The findings in a few words each: `volume low`, `volume high`, `stale data`,
    /// `missing spike in FEATURE`.
    public var findings: [String] {
        var words = volume?.anomaly.map { ["volume \($0.rawValue)"] } ?? []
        if freshness?.stale == true { words.append("stale data") }
        words += spikedFeatures.map { "missing spike in \($0)" }
        return words
    }

    /// Whether anything is wrong: a volume anomaly, stale data or a missing-value spike.
    public var hasFindings: Bool {
        !findings.isEmpty
    }
}
