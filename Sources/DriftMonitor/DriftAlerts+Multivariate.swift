import Foundation

/// How multivariate tests are kept in a run record's drifted map (next to feature names), so
/// the next run knows which `MultivariateDrift` alerts to resolve.
enum MultivariateAlertKey {
    /// The key prefix: `multivariate:mmd`, `multivariate:pca_reconstruction`.
    static let prefix = "multivariate:"

    /// Splits a recorded drifted map into features and multivariate tests.
    static func split(_ drifted: [String: String]) -> (features: [String: String], multivariate: Set<String>) {
        var features: [String: String] = [:]
        var multivariate: Set<String> = []
        for (key, test) in drifted {
            if key.hasPrefix(prefix) { multivariate.insert(String(key.dropFirst(prefix.count))) } else { features[key] = test }
        }
        return (features, multivariate)
    }
}

/// The `MultivariateDrift` alerts of a run: a firing alert per multivariate test that drifted
/// (labels `alertname`, `model`, `test` = `mmd` | `pca_reconstruction`, `severity`), and a
/// resolving one (`endsAt = now`) per test that drifted in the previous run but no longer does
/// — or is no longer run.
///
/// ```swift
/// let alerts = multivariateAlerts(for: run, previouslyDrifted: ["mmd"], configuration: config, now: Date())
/// ```
///
/// - Parameters:
///   - run: The finished run.
///   - previouslyDrifted: The tests that drifted in the previous run.
///   - configuration: Severity, runbook template, `resolveAfter`, optional `generatorURL`.
///   - now: The time of sending.
/// - Returns: Firing alerts, then resolving ones, each in test order.
/// - Complexity: O(1).
func multivariateAlerts(
    for run: CheckRun, previouslyDrifted: Set<String>, configuration: AlertmanagerConfiguration, now: Date
) -> [Alert] {
    let firing = run.multivariate?.driftedTests ?? []
    var alerts: [Alert] = []
    for test in firing {
        alerts.append(multivariateAlert(run, test: test, configuration: configuration, now: now, recovered: false))
    }
    for test in previouslyDrifted.sorted() where !firing.contains(test) {
        alerts.append(multivariateAlert(run, test: test, configuration: configuration, now: now, recovered: true))
    }
    return alerts
}

private func multivariateAlert(
    _ run: CheckRun, test: String, configuration: AlertmanagerConfiguration, now: Date, recovered: Bool
) -> Alert {
    var facts: [String] = []
    let multivariate = run.multivariate
    if test == "mmd", let mmd = multivariate?.mmd {
        facts.append("MMD² \(number(mmd.statistic)), permutation p-value \(number(mmd.pValue)) over \(mmd.permutations) permutations, bandwidth \(number(mmd.bandwidth))")
    } else if test == "pca_reconstruction", let reconstruction = multivariate?.reconstruction {
        facts.append("mean reconstruction error \(number(reconstruction.error)), reference band [\(number(reconstruction.lower)), \(number(reconstruction.upper))], \(reconstruction.components) components")
    } else {
        facts.append("not run in this window\(multivariate?.reason.map { ": \($0)" } ?? "")")
    }
    if let multivariate, !multivariate.features.isEmpty {
        facts.append("\(multivariate.features.count) features, rows reference \(multivariate.referenceRows) / production \(multivariate.productionRows) (\(multivariate.productionDroppedRows) dropped for missing values)")
    }
    facts.append("window \(window(run))")
    facts.append("alpha \(number(run.alpha)), profile v\(run.profileVersion)")
    let what = test == "mmd" ? "MMD" : "PCA reconstruction error"
    var annotations = [
        "summary": recovered
            ? "The joint distribution of model \(run.model)'s features no longer drifts (\(what))"
            : "The joint distribution of model \(run.model)'s features drifted (\(what))",
        "description": facts.joined(separator: "; "),
    ]
    if let runbook = runbookURL(configuration.runbookURL, model: run.model, feature: "multivariate") {
        annotations["runbook_url"] = runbook
    }
    return Alert(
        labels: ["alertname": "MultivariateDrift", "model": run.model, "test": test, "severity": configuration.severity],
        annotations: annotations, startsAt: now,
        endsAt: recovered ? now : now.addingTimeInterval(max(configuration.resolveAfter, 1)),
        generatorURL: configuration.generatorURL?.absoluteString)
}
