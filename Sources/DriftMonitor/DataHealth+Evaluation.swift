import DriftSources
import DriftStatistics
import Foundation

extension DataHealth {
    /// Judges one feature's missing share in the window against the reference's: a spike is a
    /// rise that the one-sided Fisher exact test finds significant at `alpha` and that is at
    /// least `rule.minChange` (absolute).
    ///
    /// - Parameters:
    ///   - feature: The feature.
    ///   - reference: Missing cells and rows in the reference.
    ///   - production: Missing cells and rows in the window.
    ///   - rule: The minimum change and the test's level.
    ///   - alpha: The job's alpha, used when the rule has none.
    /// - Returns: The finding (p = 1, no spike, for an empty window or reference).
    /// - Complexity: O(min(window rows, missing cells)) for the exact tail.
    package static func missingCheck(
        feature: String, reference: (missing: Int, rows: Int), production: (missing: Int, rows: Int),
        rule: HealthConfiguration.Missing, alpha: Double
    ) -> MissingCheck {
        func ratio(_ counts: (missing: Int, rows: Int)) -> Double {
            counts.rows > 0 ? Double(counts.missing) / Double(counts.rows) : 0
        }
        let (before, after) = (ratio(reference), ratio(production))
        // Counts come from our own readers (0 <= missing <= rows); a violation means no test.
        let p = (try? fisherExactIncrease(
            events1: reference.missing, trials1: reference.rows, events2: production.missing, trials2: production.rows)) ?? 1
        let spiked = p < (rule.alpha ?? alpha) && after - before >= rule.minChange
        return MissingCheck(feature: feature, referenceRatio: before, productionRatio: after, pValue: p, spiked: spiked)
    }

    /// The newest row's age: from the window itself when it has rows, else searched back
    /// through `source` one window at a time up to four times the age limit.
    ///
    /// - Parameters:
    ///   - source: The production source.
    ///   - sample: The window's sample (its newest timestamp, when it has rows).
    ///   - window: The window.
    ///   - rule: The age limit.
    /// - Returns: The finding.
    /// - Throws: The source's error when the search back cannot read it.
    /// - Complexity: One read per window searched, at most ⌈4 · limit / window⌉.
    package static func freshness(
        source: any ProductionSource, sample: ProductionSample, window: TimeWindow, rule: HealthConfiguration.Freshness
    ) throws -> Freshness {
        let limit = rule.limit(window: window.duration)
        if let newest = sample.newestTimestamp {
            return Freshness(newest: newest, windowEnd: window.end, maxAge: limit, searched: window.duration)
        }
        let searchLimit = max(4 * limit, window.duration)
        let (newest, searched) = try source.newestTimestamp(before: window.end, step: window.duration, limit: searchLimit)
        return Freshness(newest: newest, windowEnd: window.end, maxAge: limit, searched: searched)
    }

    /// The window's row count against the baseline from `history`'s earlier runs.
    ///
    /// - Parameters:
    ///   - rows: The window's rows.
    ///   - model: The model whose runs form the baseline.
    ///   - window: The window (only runs that ended at or before its start count).
    ///   - history: The run history.
    ///   - rule: The baseline's rule.
    /// - Returns: The finding; without a baseline (short or unreadable history) its reason.
    /// - Complexity: One indexed history query; O(n log n) in the runs returned.
    package static func volume(
        rows: Int, model: String, window: TimeWindow, history: RunHistory, rule: HealthConfiguration.Volume
    ) -> Volume {
        let observations: [VolumeObservation]
        do {
            observations = try history.volumeObservations(
                model: model, since: window.end.addingTimeInterval(-VolumeBaseline.lookback(rule)), until: window.start)
        } catch {
            return Volume(rows: rows, baseline: nil, reason: "the run history cannot be read: \(error)")
        }
        guard let baseline = VolumeBaseline(observations: observations, window: window, rule: rule) else {
            return Volume(
                rows: rows, baseline: nil,
                reason: "not enough history (\(observations.count) earlier runs found, \(rule.minHistory) needed)")
        }
        return Volume(rows: rows, baseline: baseline)
    }
}
