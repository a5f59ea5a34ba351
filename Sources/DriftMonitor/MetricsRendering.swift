import DriftReport
import Foundation
import Prometheus

/// Renders a run as the Pushgateway body of issue 4 §2, in Prometheus text format with `# HELP`
/// and `# TYPE` lines (swift-prometheus's `PrometheusCollectorRegistry`, one registry per call).
///
/// Metrics (all gauges; the `job` and `model` labels come from the Pushgateway grouping key,
/// not the body):
/// - `drift_feature_p_value{feature,test}`, `drift_feature_statistic{feature,test}`, and
///   `drift_feature_p_value_adjusted{feature,test}` when the run has a correction;
/// - `drift_feature_psi{feature}`, `drift_feature_wasserstein{feature}`,
///   `drift_feature_wasserstein_normalized{feature}`;
/// - `drift_feature_drifted{feature}` (1 or 0, every feature);
/// - `drift_feature_samples{feature,dataset}` and `drift_feature_missing_ratio{feature,dataset}`
///   with `dataset` = `reference` | `production`;
/// - `drift_feature_status{feature,status}`: one series per possible status, 1 for the
///   feature's status and 0 for the others (a state set), so a feature that could not be
///   tested is visible even though it has no p-value;
/// - with the multivariate tests on: `drift_multivariate_p_value{test="mmd"}`,
///   `drift_multivariate_statistic{test="mmd"}` (MMD²), `drift_multivariate_reconstruction_error`,
///   `drift_multivariate_reconstruction_bound{bound="lower"|"upper"}`,
///   `drift_multivariate_drifted{test}` and `drift_multivariate_status{test,status}` for
///   `test` = `mmd` | `pca_reconstruction`, `drift_multivariate_samples{dataset}` and
///   `drift_multivariate_dropped_rows`;
/// - `drift_features_checked`, `drift_features_drifted`, `drift_reference_profile_version`,
///   `drift_job_window_end_timestamp_seconds`, `drift_job_duration_seconds`,
///   `drift_job_last_success_timestamp_seconds` (when the run finished: start + duration).
///
/// A non-finite value (NaN, ±∞) is never written: a NaN p-value would never fire an alert.
/// The order of series within the text varies between calls; parse, don't compare texts.
///
/// ```swift
/// let body = renderMetrics(run)
/// // # HELP drift_feature_p_value p-value of a drift test for a feature (unadjusted).
/// // # TYPE drift_feature_p_value gauge
/// // drift_feature_p_value{feature="age",test="ks"} 0.0021
/// // ...
/// ```
///
/// - Parameter run: The finished run.
/// - Returns: The body, ending with a newline.
/// - Complexity: O(features × tests).
public func renderMetrics(_ run: CheckRun) -> String {
    let registry = PrometheusCollectorRegistry()
    let correctionOn = !["", "none"].contains(run.correction.lowercased())

    for feature in run.features {
        let name = feature.name
        for test in feature.tests {
            let labels = [("feature", name), ("test", test.test.rawValue)]
            set(registry, DriftMetric.pValue, labels, test.pValue)
            set(registry, DriftMetric.statistic, labels, test.statistic)
            if correctionOn, let adjusted = test.pValueAdjusted {
                set(registry, DriftMetric.pValueAdjusted, labels, adjusted)
            }
        }
        set(registry, DriftMetric.psi, [("feature", name)], feature.psi)
        set(registry, DriftMetric.wasserstein, [("feature", name)], feature.wasserstein)
        set(registry, DriftMetric.wassersteinNormalized, [("feature", name)], feature.wassersteinNormalized)
        set(registry, DriftMetric.drifted, [("feature", name)], feature.drifted ? 1 : 0)
        set(registry, DriftMetric.samples, [("feature", name), ("dataset", "reference")], Double(feature.referenceCount))
        set(registry, DriftMetric.samples, [("feature", name), ("dataset", "production")], Double(feature.productionCount))
        set(registry, DriftMetric.missingRatio, [("feature", name), ("dataset", "reference")], feature.referenceMissingRatio)
        set(registry, DriftMetric.missingRatio, [("feature", name), ("dataset", "production")], feature.productionMissingRatio)
        for status in FeatureStatus.allCases {
            set(registry, DriftMetric.status, [("feature", name), ("status", status.rawValue)], status == feature.status ? 1 : 0)
        }
    }

    if let multivariate = run.multivariate { renderMultivariate(multivariate, into: registry) }
    set(registry, DriftMetric.productionRows, [], Double(run.productionRows))
    if let health = run.health { renderHealth(health, into: registry) }

    set(registry, DriftMetric.featuresChecked, [], Double(run.checkedFeatures.count))
    set(registry, DriftMetric.featuresDrifted, [], Double(run.driftedFeatures.count))
    set(registry, DriftMetric.profileVersion, [], Double(run.profileVersion))
    set(registry, DriftMetric.windowEnd, [], run.windowEnd.timeIntervalSince1970)
    set(registry, DriftMetric.duration, [], run.duration)
    set(registry, DriftMetric.lastSuccess, [], run.startedAt.addingTimeInterval(run.duration).timeIntervalSince1970)
    return emitBody(registry)
}

/// Renders the body a failed run pushes with POST: only
/// `drift_job_last_failure_timestamp_seconds`, so the group's last success metrics stay.
///
/// ```swift
/// let body = renderFailureMetrics(at: Date())
/// // # HELP drift_job_last_failure_timestamp_seconds Unix time of the last failed drift check run.
/// // # TYPE drift_job_last_failure_timestamp_seconds gauge
/// // drift_job_last_failure_timestamp_seconds 1717200000.0
/// ```
///
/// - Parameter date: When the run failed.
/// - Returns: The body, ending with a newline.
/// - Complexity: O(1).
public func renderFailureMetrics(at date: Date) -> String {
    let registry = PrometheusCollectorRegistry()
    set(registry, DriftMetric.lastFailure, [], date.timeIntervalSince1970)
    return emitBody(registry)
}

/// Name and help text of every metric Driftwatch pushes (immutable; no registry state).
enum DriftMetric {
    struct Definition: Sendable {
        let name: String
        let help: String
    }

    static let pValue = Definition(name: "drift_feature_p_value", help: "p-value of a drift test for a feature (unadjusted).")
    static let statistic = Definition(name: "drift_feature_statistic", help: "Statistic of a drift test for a feature.")
    static let pValueAdjusted = Definition(
        name: "drift_feature_p_value_adjusted", help: "p-value after the run's multiple-testing correction.")
    static let psi = Definition(name: "drift_feature_psi", help: "Population Stability Index of a feature, production vs reference.")
    static let wasserstein = Definition(name: "drift_feature_wasserstein", help: "Wasserstein-1 distance of a numeric feature, production vs reference.")
    static let wassersteinNormalized = Definition(
        name: "drift_feature_wasserstein_normalized", help: "Wasserstein-1 distance divided by the reference standard deviation.")
    static let drifted = Definition(name: "drift_feature_drifted", help: "1 when the feature meets the drift alert condition, else 0.")
    static let samples = Definition(name: "drift_feature_samples", help: "Non-missing values of a feature per dataset (reference or production).")
    static let missingRatio = Definition(name: "drift_feature_missing_ratio", help: "Missing cells over rows of a feature per dataset (reference or production).")
    static let status = Definition(
        name: "drift_feature_status",
        help: "1 for the feature's status in the run (tested, insufficient_samples, missing_column, failed), 0 for the others.")
    static let multivariatePValue = Definition(
        name: "drift_multivariate_p_value", help: "p-value of a multivariate drift test over all features (test=\"mmd\": permutation p-value).")
    static let multivariateStatistic = Definition(
        name: "drift_multivariate_statistic", help: "Statistic of a multivariate drift test (test=\"mmd\": unbiased MMD squared).")
    static let reconstructionError = Definition(
        name: "drift_multivariate_reconstruction_error", help: "Mean PCA reconstruction error of the production sample, standardized units.")
    static let reconstructionBound = Definition(
        name: "drift_multivariate_reconstruction_bound",
        help: "Band of the reconstruction error from held-out reference rows (bound=\"lower\" or \"upper\").")
    static let multivariateDrifted = Definition(
        name: "drift_multivariate_drifted", help: "1 when a multivariate test (mmd, pca_reconstruction) signals drift, else 0.")
    static let multivariateSamples = Definition(
        name: "drift_multivariate_samples", help: "Rows in the multivariate sample per dataset (reference or production).")
    static let multivariateDropped = Definition(
        name: "drift_multivariate_dropped_rows", help: "Production rows left out of the multivariate tests for a missing value.")
    static let multivariateStatus = Definition(
        name: "drift_multivariate_status",
        help: "1 for a multivariate test's status in the run (tested, failed, unavailable), 0 for the others.")
    static let featuresChecked = Definition(name: "drift_features_checked", help: "Features tested in the run.")
    static let featuresDrifted = Definition(name: "drift_features_drifted", help: "Features that met the drift alert condition in the run.")
    static let profileVersion = Definition(name: "drift_reference_profile_version", help: "Version of the reference profile compared against.")
    static let windowEnd = Definition(
        name: "drift_job_window_end_timestamp_seconds", help: "Unix time of the end (exclusive) of the production window checked.")
    static let duration = Definition(name: "drift_job_duration_seconds", help: "Wall-clock seconds the drift check run took.")
    static let lastSuccess = Definition(
        name: "drift_job_last_success_timestamp_seconds", help: "Unix time when the last successful drift check run finished.")
    static let productionRows = Definition(
        name: "drift_production_rows", help: "Rows in the production window checked.")
    static let productionRowsExpected = Definition(
        name: "drift_production_rows_expected",
        help: "Band of the expected rows in the window from the run history (bound=\"lower\" or \"upper\").")
    static let newestTimestamp = Definition(
        name: "drift_production_newest_timestamp_seconds",
        help: "Unix time of the newest production row at or before the window's end.")
    static let missingSpike = Definition(
        name: "drift_feature_missing_spike",
        help: "1 when a feature's missing share rose significantly above the reference's, else 0.")
    static let lastFailure = Definition(
        name: "drift_job_last_failure_timestamp_seconds", help: "Unix time of the last failed drift check run.")
}

/// Sets one gauge series; skips nil and non-finite values.
/// The `drift_multivariate_*` gauges of one run.
private func renderMultivariate(_ multivariate: MultivariateCheck, into registry: PrometheusCollectorRegistry) {
    if let mmd = multivariate.mmd {
        set(registry, DriftMetric.multivariatePValue, [("test", "mmd")], mmd.pValue)
        set(registry, DriftMetric.multivariateStatistic, [("test", "mmd")], mmd.statistic)
    }
    if let reconstruction = multivariate.reconstruction {
        set(registry, DriftMetric.reconstructionError, [], reconstruction.error)
        set(registry, DriftMetric.reconstructionBound, [("bound", "lower")], reconstruction.lower)
        set(registry, DriftMetric.reconstructionBound, [("bound", "upper")], reconstruction.upper)
    }
    let tests: [(String, MultivariateCheck.Status, Bool)] = [
        ("mmd", multivariate.mmdStatus, multivariate.mmd?.drifted ?? false),
        ("pca_reconstruction", multivariate.reconstructionStatus, multivariate.reconstruction?.drifted ?? false),
    ]
    for (test, status, drifted) in tests {
        set(registry, DriftMetric.multivariateDrifted, [("test", test)], drifted ? 1 : 0)
        for candidate in MultivariateCheck.Status.allCases {
            set(registry, DriftMetric.multivariateStatus, [("test", test), ("status", candidate.rawValue)], candidate == status ? 1 : 0)
        }
    }
    if multivariate.mmdStatus != .unavailable {
        set(registry, DriftMetric.multivariateSamples, [("dataset", "reference")], Double(multivariate.referenceRows))
        set(registry, DriftMetric.multivariateSamples, [("dataset", "production")], Double(multivariate.productionRows))
        set(registry, DriftMetric.multivariateDropped, [], Double(multivariate.productionDroppedRows))
    }
}

private func renderHealth(_ health: DataHealth, into registry: PrometheusCollectorRegistry) {
    if let baseline = health.volume?.baseline {
        set(registry, DriftMetric.productionRowsExpected, [("bound", "lower")], baseline.lower)
        set(registry, DriftMetric.productionRowsExpected, [("bound", "upper")], baseline.upper)
    }
    if let newest = health.freshness?.newest {
        set(registry, DriftMetric.newestTimestamp, [], newest.timeIntervalSince1970)
    }
    for check in health.missing {
        set(registry, DriftMetric.missingSpike, [("feature", check.feature)], check.spiked ? 1 : 0)
    }
}

private func set(_ registry: PrometheusCollectorRegistry, _ metric: DriftMetric.Definition, _ labels: [(String, String)], _ value: Double?) {
    guard let value, value.isFinite else { return }
    let descriptor = MetricNameDescriptor(metricName: metric.name, unitName: "", helpText: metric.help)
    registry.makeGauge(descriptor: descriptor, labels: labels).set(to: value)
}

private func emitBody(_ registry: PrometheusCollectorRegistry) -> String {
    var buffer: [UInt8] = []
    registry.emit(into: &buffer)
    if buffer.last != UInt8(ascii: "\n") { buffer.append(UInt8(ascii: "\n")) }
    return String(decoding: buffer, as: UTF8.self)
}
