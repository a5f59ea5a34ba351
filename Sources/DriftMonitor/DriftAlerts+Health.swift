import Foundation

/// The data-health alerts of a run: `ProductionVolumeAnomaly` (labels `model`, `direction`,
/// `severity`), `ProductionDataStale` (`model`, `severity`) and `FeatureMissingSpike`
/// (`model`, `feature`, `severity`), each firing while its finding holds and resolved when a
/// later run no longer finds it (from the previous run's recorded findings), like
/// `FeatureDrift`.
///
/// - Parameters:
///   - run: This run (its ``CheckRun/health``; nil counts as no findings).
///   - previous: The previous successful run's findings, if recorded.
///   - configuration: Severity, runbook template, resolve-after and generator URL.
///   - now: The alerts' start (and end, for resolved ones).
/// - Returns: The firing alerts, then the resolved ones.
/// - Complexity: O(features).
func healthAlerts(for run: CheckRun, previous: DataHealth?, configuration: AlertmanagerConfiguration, now: Date) -> [Alert] {
    let health = run.health
    var alerts: [Alert] = []
    func alert(_ labels: [String: String], _ annotations: [String: String], runbookFor subject: String, resolved: Bool) -> Alert {
        var annotations = annotations
        if let runbook = runbookURL(configuration.runbookURL, model: run.model, feature: subject) {
            annotations["runbook_url"] = runbook
        }
        var labels = labels
        labels["model"] = run.model
        labels["severity"] = configuration.severity
        return Alert(
            labels: labels, annotations: annotations, startsAt: now,
            endsAt: resolved ? now : now.addingTimeInterval(max(configuration.resolveAfter, 1)),
            generatorURL: configuration.generatorURL?.absoluteString)
    }

    // Volume.
    let direction = health?.volume?.anomaly
    if let volume = health?.volume, let direction, let baseline = volume.baseline {
        alerts.append(alert(
            ["alertname": "ProductionVolumeAnomaly", "direction": direction.rawValue],
            ["summary": "Model \(run.model)'s production window has \(direction == .low ? "too few" : "too many") rows (\(volume.rows))",
             "description": "\(volume.rows) rows in window \(window(run)); expected \(number(baseline.lower))–\(number(baseline.upper)) (median \(number(baseline.median)) of \(baseline.runs) \(baseline.basis == .seasonal ? "earlier windows at the same time of day and week" : "most recent runs"))"],
            runbookFor: "volume", resolved: false))
    }
    if let before = previous?.volume?.anomaly, before != direction {
        let rows = health?.volume.map { "\($0.rows) rows" } ?? "the volume check is off"
        alerts.append(alert(
            ["alertname": "ProductionVolumeAnomaly", "direction": before.rawValue],
            ["summary": "Model \(run.model)'s production volume is no longer \(before.rawValue)",
             "description": "\(rows) in window \(window(run))"],
            runbookFor: "volume", resolved: true))
    }

    // Freshness.
    let stale = health?.freshness?.stale == true
    if let freshness = health?.freshness, stale {
        let newest = freshness.newest.map { "the newest row is from \(RFC3339.format($0)), \(duration(freshness.age(at: run.windowEnd) ?? 0)) before the window's end" }
            ?? "no row in the \(duration(freshness.searched)) before the window's end"
        alerts.append(alert(
            ["alertname": "ProductionDataStale"],
            ["summary": "Model \(run.model)'s production data is stale",
             "description": "\(newest); the limit is \(duration(freshness.maxAge)); window \(window(run))"],
            runbookFor: "freshness", resolved: false))
    }
    if previous?.freshness?.stale == true, !stale {
        let now = health?.freshness?.newest.map { "the newest row is from \(RFC3339.format($0))" } ?? "the freshness check is off"
        alerts.append(alert(
            ["alertname": "ProductionDataStale"],
            ["summary": "Model \(run.model)'s production data is fresh again", "description": "\(now); window \(window(run))"],
            runbookFor: "freshness", resolved: true))
    }

    // Missing-value spikes.
    let spiked = Set(health?.spikedFeatures ?? [])
    for check in health?.missing ?? [] where check.spiked {
        alerts.append(alert(
            ["alertname": "FeatureMissingSpike", "feature": check.feature],
            ["summary": "Feature \(check.feature) of model \(run.model) is missing far more often (\(percent(check.productionRatio)) of rows)",
             "description": "missing share \(percent(check.productionRatio)) in window \(window(run)) vs \(percent(check.referenceRatio)) in the reference profile v\(run.profileVersion); one-sided Fisher exact p-value \(number(check.pValue))"],
            runbookFor: check.feature, resolved: false))
    }
    for check in previous?.missing ?? [] where check.spiked && !spiked.contains(check.feature) {
        let current = health?.missing.first { $0.feature == check.feature }
        alerts.append(alert(
            ["alertname": "FeatureMissingSpike", "feature": check.feature],
            ["summary": "Feature \(check.feature) of model \(run.model) is no longer missing more often",
             "description": (current.map { "missing share \(percent($0.productionRatio))" } ?? "not checked") + " in window \(window(run))"],
            runbookFor: check.feature, resolved: true))
    }
    return alerts
}

private func percent(_ ratio: Double) -> String { String(format: "%.1f%%", 100 * ratio) }

/// Seconds as `2h`, `1h30m`, `45m` or `20s`.
func duration(_ seconds: TimeInterval) -> String {
    let whole = Int(seconds.rounded())
    let (hours, minutes, rest) = (whole / 3_600, whole % 3_600 / 60, whole % 60)
    if hours > 0 { return minutes > 0 ? "\(hours)h\(minutes)m" : "\(hours)h" }
    if minutes > 0 { return rest > 0 ? "\(minutes)m\(rest)s" : "\(minutes)m" }
    return "\(rest)s"
}
