import Foundation

extension DataHealth {
    /// The findings as the lines `driftwatch check` prints under its feature table (and the
    /// job logs): one each for volume and freshness, one for the missing shares plus one per
    /// spiked feature; an anomaly in capitals.
    ///
    /// ```
    /// health
    ///   volume     412 rows, expected 280–520 (median 400 of 10 earlier windows at this time of day/week) ok
    ///   freshness  newest row 2019-04-30T10:59:12Z, 48s before the window's end (limit 2h) ok
    ///   missing    10 features, no spike
    /// ```
    ///
    /// - Parameter windowEnd: The run's window end (for the newest row's age).
    /// - Returns: The lines, without the leading `health` line's indentation.
    /// - Complexity: O(features).
    package func summaryLines(windowEnd: Date) -> [String] {
        var lines: [String] = []
        if let volume {
            var text = "volume     \(volume.rows) rows"
            if let baseline = volume.baseline {
                let basis = baseline.basis == .seasonal ? "earlier windows at this time of day/week" : "most recent runs"
                text += ", expected \(number(baseline.lower))–\(number(baseline.upper)) (median \(number(baseline.median)) of \(baseline.runs) \(basis))"
                text += " " + (volume.anomaly.map { $0.rawValue.uppercased() } ?? "ok")
            } else {
                text += " (no baseline: \(volume.reason ?? "not enough history"))"
            }
            lines.append(text)
        }
        if let freshness {
            let newest = freshness.newest.map {
                "newest row \(RFC3339.format($0)), \(duration(freshness.age(at: windowEnd) ?? 0)) before the window's end"
            } ?? "no row in the \(duration(freshness.searched)) before the window's end"
            lines.append("freshness  \(newest) (limit \(duration(freshness.maxAge))) \(freshness.stale ? "STALE" : "ok")")
        }
        if !missing.isEmpty {
            let spiked = missing.filter(\.spiked)
            lines.append("missing    \(missing.count) features, \(spiked.isEmpty ? "no spike" : "\(spiked.count) SPIKE\(spiked.count == 1 ? "" : "S")")")
            for check in spiked {
                let shares = String(format: "%.1f%% -> %.1f%%", 100 * check.referenceRatio, 100 * check.productionRatio)
                lines.append("  \(check.feature) \(shares) (p=\(number(check.pValue))) SPIKE")
            }
        }
        return lines
    }
}
