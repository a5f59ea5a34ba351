import Foundation

/// The data-health checks of the hourly job (the `health:` section of its YAML): volume
/// against a baseline from the run history, freshness of the newest row, and missing-value
/// spikes per feature. Each is on by default and can be switched off on its own.
///
/// ```swift
/// var configuration = try CheckConfiguration.load(path: "churn.yml")
/// configuration.health.volume?.days = 14          // a longer same-hour baseline
/// configuration.health.freshness = nil            // no staleness alert
/// ```
public struct HealthConfiguration: Sendable, Hashable {
    /// How the window's row count is judged against the history (nil: not checked).
    public var volume: Volume? = Volume()
    /// How old the newest production row may be (nil: not checked).
    public var freshness: Freshness? = Freshness()
    /// When a feature's missing share counts as a spike (nil: not checked).
    public var missing: Missing? = Missing()

    /// Every check on, with the documented defaults.
    public init() {}

    /// The volume baseline and band: see ``VolumeBaseline``.
    public struct Volume: Sendable, Hashable {
        /// Same time of day on each of the last `days` days.
        public var days = 7
        /// Same time of week on each of the last `weeks` weeks (the ones not already covered by `days`).
        public var weeks = 4
        /// Without enough same-time history: the last `recentRuns` runs instead.
        public var recentRuns = 24
        /// The fewest past runs a baseline needs before it alerts.
        public var minHistory = 5
        /// The band's half-width in robust standard deviations (1.4826 × MAD).
        public var width = 4.0
        /// The band's half-width is at least this share of the baseline's median.
        public var minRelativeChange = 0.3

        /// The documented defaults.
        public init() {}
    }

    /// The staleness rule.
    public struct Freshness: Sendable, Hashable {
        /// The greatest age of the newest row at the window's end; nil means twice the window.
        public var maxAge: TimeInterval?

        /// Twice the window.
        public init(maxAge: TimeInterval? = nil) { self.maxAge = maxAge }

        /// The age limit for a window of `window` seconds.
        public func limit(window: TimeInterval) -> TimeInterval { maxAge ?? 2 * window }
    }

    /// The missing-spike rule: a rise of the missing share over the reference's that is both
    /// significant (one-sided Fisher exact test) and large enough to matter.
    public struct Missing: Sendable, Hashable {
        /// The test's level; nil means the job's `alpha`.
        public var alpha: Double?
        /// The smallest rise of the missing share (absolute, 0.05 = five percentage points).
        public var minChange = 0.05

        /// The documented defaults.
        public init(alpha: Double? = nil, minChange: Double = 0.05) {
            self.alpha = alpha
            self.minChange = minChange
        }
    }
}
