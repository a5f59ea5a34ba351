import Foundation

/// The Alertmanager alerts for one run: a firing `FeatureDrift` alert per drifted feature and a
/// resolving one per feature that drifted in the previous run but no longer does.
///
/// Firing alerts carry labels `alertname="FeatureDrift"`, `model`, `feature`, `test` (the
/// primary test) and `severity` (from the configuration); annotations `summary`, `description`
/// (p-value, statistic, PSI, sample sizes, window) and, when a template is configured,
/// `runbook_url`. They start and are re-sent at `now` and end at `now + resolveAfter`, so a job
/// that stops reporting lets them resolve on their own. A recovered feature gets the same
/// labels as its previous alert (the previous run's test) and `endsAt = now`, which resolves it.
/// A feature that still drifts but on a different test also resolves its old alert.
/// Multivariate tests follow with `MultivariateDrift` alerts the same way (see
/// `multivariateAlerts`); their previous state is in `previouslyDrifted` under the keys
/// `multivariate:mmd` and `multivariate:pca_reconstruction`. Features that could not be tested
/// follow with `FeatureUnmonitored` alerts (see `unmonitoredAlerts`), resolved against
/// `previouslyUnmonitored`; then the data-health alerts (`ProductionVolumeAnomaly`,
/// `ProductionDataStale`, `FeatureMissingSpike`), resolved against `previousHealth`.
///
/// ```swift
/// let alerts = driftAlerts(for: run, previouslyDrifted: ["age": "ks"], configuration: config, now: Date())
/// try await AlertmanagerClient(configuration: config).post(alerts)
/// ```
///
/// - Parameters:
///   - run: The finished run.
///   - previouslyDrifted: The previous run's drifted features, feature name → primary test.
///   - previouslyUnmonitored: The previous successful run's untested features, feature name →
///     status (``CheckRun``'s features with a status other than `tested`). Default none.
///   - previousHealth: The previous successful run's data-health findings. Default none.
///   - configuration: Severity, runbook template, `resolveAfter`, optional `generatorURL`.
///   - now: The time of sending.
/// - Returns: Firing alerts in the run's feature order, then resolving alerts by feature name;
///   then the multivariate, the unmonitored-feature and the data-health alerts, each firing
///   before resolving.
/// - Complexity: O(features + previously drifted or unmonitored features).
public func driftAlerts(
    for run: CheckRun, previouslyDrifted: [String: String], previouslyUnmonitored: [String: String] = [:],
    previousHealth: DataHealth? = nil, configuration: AlertmanagerConfiguration, now: Date
) -> [Alert] {
    let (previouslyDrifted, previousMultivariate) = MultivariateAlertKey.split(previouslyDrifted)
    var alerts: [Alert] = []
    var firing: [String: String] = [:]
    for feature in run.features where feature.drifted && firing[feature.name] == nil {
        let test = feature.primary?.test.rawValue ?? "none"
        firing[feature.name] = test
        alerts.append(
            Alert(
                labels: featureLabels(run.model, feature.name, test, configuration.severity),
                annotations: featureAnnotations(run, feature, configuration, recovered: false),
                startsAt: now, endsAt: now.addingTimeInterval(max(configuration.resolveAfter, 1)),
                generatorURL: configuration.generatorURL?.absoluteString))
    }
    let featuresByName = Dictionary(run.features.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    for (name, test) in previouslyDrifted.sorted(by: { $0.key < $1.key }) where firing[name] != test {
        var annotations: [String: String]
        if let feature = featuresByName[name] {
            annotations = featureAnnotations(run, feature, configuration, recovered: true)
        } else {
            annotations = [
                "summary": "Feature \(name) of model \(run.model) is no longer checked",
                "description": "The feature is not part of the run for window \(window(run)); its drift alert is resolved.",
            ]
            if let runbook = runbookURL(configuration.runbookURL, model: run.model, feature: name) {
                annotations["runbook_url"] = runbook
            }
        }
        alerts.append(
            Alert(
                labels: featureLabels(run.model, name, test, configuration.severity), annotations: annotations,
                startsAt: now, endsAt: now, generatorURL: configuration.generatorURL?.absoluteString))
    }
    alerts += multivariateAlerts(for: run, previouslyDrifted: previousMultivariate, configuration: configuration, now: now)
    alerts += unmonitoredAlerts(for: run, previouslyUnmonitored: previouslyUnmonitored, configuration: configuration, now: now)
    alerts += healthAlerts(for: run, previous: previousHealth, configuration: configuration, now: now)
    return alerts
}

/// The job-level alert for a run that could not read its inputs (configuration, profile or
/// production database): labels `alertname="DriftJobInputFailure"`, `model`, `severity` (the
/// configuration's `jobFailureSeverity`), the error as `description`. Firing until
/// `now + resolveAfter`, or resolved (`endsAt = now`) when `resolved` is true — send that on the
/// next successful run.
///
/// ```swift
/// let alert = jobFailureAlert(model: "churn", error: "cannot open production.db: no such file",
///                             configuration: config, now: Date())
/// ```
///
/// - Parameters:
///   - model: The model whose run failed.
///   - error: The one-line error.
///   - configuration: Severity, runbook template, `resolveAfter`, optional `generatorURL`.
///   - now: The time of sending.
///   - resolved: Whether to resolve the alert instead of firing it. Default false.
/// - Returns: The alert.
/// - Complexity: O(length of the error).
public func jobFailureAlert(
    model: String, error: String, configuration: AlertmanagerConfiguration, now: Date, resolved: Bool = false
) -> Alert {
    var annotations = [
        "summary": resolved
            ? "The drift check of model \(model) reads its inputs again"
            : "The drift check of model \(model) cannot read its inputs",
        "description": error.isEmpty ? "(no error message)" : error,
    ]
    if let runbook = runbookURL(configuration.runbookURL, model: model, feature: "") {
        annotations["runbook_url"] = runbook
    }
    return Alert(
        labels: ["alertname": "DriftJobInputFailure", "model": model, "severity": configuration.jobFailureSeverity],
        annotations: annotations, startsAt: now,
        endsAt: resolved ? now : now.addingTimeInterval(max(configuration.resolveAfter, 1)),
        generatorURL: configuration.generatorURL?.absoluteString)
}

/// Expands a runbook template: `{model}` and `{feature}` become the percent-encoded names
/// (everything but `A–Z a–z 0–9 - . _ ~` is encoded, `/` included).
///
/// ```swift
/// runbookURL("https://runbooks.example.com/drift/{model}/{feature}", model: "churn", feature: "monthly charges")
/// // "https://runbooks.example.com/drift/churn/monthly%20charges"
/// ```
///
/// - Parameters:
///   - template: The template, or nil.
///   - model: The model name.
///   - feature: The feature name (empty for job-level alerts).
/// - Returns: The expanded URL text, or nil when `template` is nil or empty.
/// - Complexity: O(length of the template and names).
public func runbookURL(_ template: String?, model: String, feature: String) -> String? {
    guard let template, !template.isEmpty else { return nil }
    let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text }
    return template.replacingOccurrences(of: "{model}", with: encode(model))
        .replacingOccurrences(of: "{feature}", with: encode(feature))
}

private func featureLabels(_ model: String, _ feature: String, _ test: String, _ severity: String) -> [String: String] {
    ["alertname": "FeatureDrift", "model": model, "feature": feature, "test": test, "severity": severity]
}

private func featureAnnotations(
    _ run: CheckRun, _ feature: FeatureCheck, _ configuration: AlertmanagerConfiguration, recovered: Bool
) -> [String: String] {
    var facts: [String] = []
    if let primary = feature.primary {
        var text = "\(primary.test) p-value \(number(primary.pValue))"
        if let adjusted = primary.pValueAdjusted { text += " (\(run.correction)-adjusted \(number(adjusted)))" }
        text += ", statistic \(number(primary.statistic))"
        facts.append(text)
    } else {
        facts.append("not tested (\(feature.status.rawValue)\(feature.reason.map { ": \($0)" } ?? ""))")
    }
    if let psi = feature.psi { facts.append("PSI \(number(psi))") }
    if let normalized = feature.wassersteinNormalized { facts.append("normalized Wasserstein \(number(normalized))") }
    facts.append("samples reference \(feature.referenceCount) / production \(feature.productionCount)")
    facts.append("window \(window(run))")
    facts.append("alpha \(number(run.alpha)), profile v\(run.profileVersion)")
    let summary: String
    if recovered {
        summary = "Feature \(feature.name) of model \(run.model) no longer drifts"
    } else {
        let p = feature.primaryPValue.map { " (\(feature.primary?.test.rawValue ?? "test") p-value \(number($0)))" } ?? ""
        summary = "Feature \(feature.name) of model \(run.model) drifted\(p)"
    }
    var annotations = ["summary": summary, "description": facts.joined(separator: "; ")]
    if let runbook = runbookURL(configuration.runbookURL, model: run.model, feature: feature.name) {
        annotations["runbook_url"] = runbook
    }
    return annotations
}

func window(_ run: CheckRun) -> String {
    "[\(RFC3339.format(run.windowStart)), \(RFC3339.format(run.windowEnd)))"
}

/// Four significant digits; scientific notation for very small or large values.
func number(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    return String(format: "%.4g", value)
}
