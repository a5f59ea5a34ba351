import Foundation

/// The `FeatureUnmonitored` alerts of a run: a firing alert per feature that could not be
/// tested (its column is missing, its tests failed, or it had fewer than `min_samples` values),
/// and a resolving one (`endsAt = now`) per feature that could not be tested in the previous
/// run but is tested again now, or could not be tested for another reason.
///
/// A schema change upstream (a renamed column, text arriving in a numeric column) otherwise
/// makes a feature silently stop being monitored: its drift alert can never fire again.
/// Labels: `alertname="FeatureUnmonitored"`, `model`, `feature`, `reason` (`missing_column`,
/// `failed` or `insufficient_samples`), `severity` (the configuration's `severity`);
/// annotations `summary`, `description` (the reason's text, the window) and `runbook_url`.
///
/// ```swift
/// let alerts = unmonitoredAlerts(for: run, previouslyUnmonitored: ["age": "missing_column"],
///                                configuration: config, now: Date())
/// ```
///
/// - Parameters:
///   - run: The finished run.
///   - previouslyUnmonitored: The previous successful run's untested features, name → reason.
///   - configuration: Severity, runbook template, `resolveAfter`, optional `generatorURL`.
///   - now: The time of sending.
/// - Returns: Firing alerts in the run's feature order, then resolving ones by feature name.
/// - Complexity: O(features + previously unmonitored features).
func unmonitoredAlerts(
    for run: CheckRun, previouslyUnmonitored: [String: String], configuration: AlertmanagerConfiguration, now: Date
) -> [Alert] {
    var alerts: [Alert] = []
    let firing = run.unmonitoredFeatures
    for feature in run.features where firing[feature.name] == feature.status.rawValue {
        let reason = feature.status.rawValue
        var annotations = [
            "summary": "Feature \(feature.name) of model \(run.model) is not monitored (\(reason))",
            "description": "\(feature.reason ?? reason); production values \(feature.productionCount); window \(window(run)); its drift cannot be detected until it is tested again",
        ]
        if let runbook = runbookURL(configuration.runbookURL, model: run.model, feature: feature.name) {
            annotations["runbook_url"] = runbook
        }
        alerts.append(Alert(
            labels: unmonitoredLabels(run.model, feature.name, reason, configuration.severity), annotations: annotations,
            startsAt: now, endsAt: now.addingTimeInterval(max(configuration.resolveAfter, 1)),
            generatorURL: configuration.generatorURL?.absoluteString))
    }
    for (name, reason) in previouslyUnmonitored.sorted(by: { $0.key < $1.key }) where firing[name] != reason {
        let tested = run.features.contains { $0.name == name && $0.status == .tested }
        var annotations = [
            "summary": tested
                ? "Feature \(name) of model \(run.model) is monitored again"
                : "Feature \(name) of model \(run.model) is no longer \(reason)",
            "description": "window \(window(run))",
        ]
        if let runbook = runbookURL(configuration.runbookURL, model: run.model, feature: name) {
            annotations["runbook_url"] = runbook
        }
        alerts.append(Alert(
            labels: unmonitoredLabels(run.model, name, reason, configuration.severity), annotations: annotations,
            startsAt: now, endsAt: now, generatorURL: configuration.generatorURL?.absoluteString))
    }
    return alerts
}

extension CheckRun {
    /// The features that could not be tested, name → status (`missing_column`, `failed`,
    /// `insufficient_samples`): the state `FeatureUnmonitored` alerts are resolved against.
    var unmonitoredFeatures: [String: String] {
        var result: [String: String] = [:]
        for feature in features where feature.status != .tested && result[feature.name] == nil {
            result[feature.name] = feature.status.rawValue
        }
        return result
    }
}

private func unmonitoredLabels(_ model: String, _ feature: String, _ reason: String, _ severity: String) -> [String: String] {
    ["alertname": "FeatureUnmonitored", "model": model, "feature": feature, "reason": reason, "severity": severity]
}
