import DriftMonitor
import DriftReport
import Foundation
import Testing

@Suite("renderMetrics")
struct MetricsRenderingTests {
    @Test("every metric of issue 4 §2, with HELP and TYPE gauge, and the right values")
    func allMetrics() throws {
        let body = renderMetrics(Runs.mixed(model: "churn"))
        #expect(body.hasSuffix("\n"))
        let parsed = ParsedMetrics(body)
        let expected = [
            "drift_feature_p_value", "drift_feature_statistic", "drift_feature_psi", "drift_feature_wasserstein",
            "drift_feature_wasserstein_normalized", "drift_feature_drifted", "drift_feature_samples",
            "drift_feature_missing_ratio", "drift_feature_status", "drift_features_checked", "drift_features_drifted",
            "drift_reference_profile_version", "drift_job_window_end_timestamp_seconds", "drift_job_duration_seconds",
            "drift_job_last_success_timestamp_seconds", "drift_production_rows",
        ]
        #expect(Set(parsed.samples.map(\.name)) == Set(expected))
        for name in expected {
            #expect(parsed.type[name] == "gauge", "\(name) TYPE")
            #expect(!(parsed.help[name] ?? "").isEmpty, "\(name) HELP")
        }
        #expect(parsed.value("drift_feature_p_value", ["feature": "tenure", "test": "ks"]) == 0.0003)
        #expect(parsed.value("drift_feature_p_value", ["feature": "tenure", "test": "cramer_von_mises"]) == 0.0006)
        #expect(parsed.value("drift_feature_p_value", ["feature": "plan", "test": "chi_square"]) == 1e-9)
        #expect(parsed.value("drift_feature_statistic", ["feature": "tenure", "test": "ks"]) == 0.31)
        #expect(parsed.value("drift_feature_psi", ["feature": "tenure"]) == 0.41)
        #expect(parsed.value("drift_feature_wasserstein", ["feature": "age"]) == 1.5)
        #expect(parsed.value("drift_feature_wasserstein", ["feature": "plan"]) == nil)
        #expect(parsed.value("drift_feature_wasserstein_normalized", ["feature": "age"]) == 0.12)
        #expect(parsed.value("drift_feature_drifted", ["feature": "tenure"]) == 1)
        #expect(parsed.value("drift_feature_drifted", ["feature": "age"]) == 0)
        #expect(parsed.value("drift_feature_drifted", ["feature": "income"]) == 0)
        #expect(parsed.value("drift_feature_samples", ["feature": "age", "dataset": "reference"]) == 10_000)
        #expect(parsed.value("drift_feature_samples", ["feature": "income", "dataset": "production"]) == 12)
        #expect(parsed.value("drift_feature_missing_ratio", ["feature": "age", "dataset": "production"]) == 0.0125)
        #expect(parsed.value("drift_features_checked") == 3)
        #expect(parsed.value("drift_features_drifted") == 2)
        #expect(parsed.value("drift_reference_profile_version") == 3)
        #expect(parsed.value("drift_job_window_end_timestamp_seconds") == 1_717_200_000)
        #expect(parsed.value("drift_job_duration_seconds") == 0.75)
        #expect(parsed.value("drift_job_last_success_timestamp_seconds") == 1_717_200_060.75)
        // No adjusted p-values without a correction; no job/model labels in the body.
        #expect(parsed.values("drift_feature_p_value_adjusted").isEmpty)
        #expect(parsed.samples.allSatisfy { $0.labels["job"] == nil && $0.labels["model"] == nil })
    }

    @Test("the status metric is a state set: 1 for the feature's status, 0 for the others")
    func statusStateSet() {
        let parsed = ParsedMetrics(renderMetrics(Runs.mixed(model: "churn")))
        for status in FeatureStatus.allCases {
            #expect(parsed.value("drift_feature_status", ["feature": "income", "status": status.rawValue])
                == (status == .insufficientSamples ? 1 : 0))
            #expect(parsed.value("drift_feature_status", ["feature": "age", "status": status.rawValue])
                == (status == .tested ? 1 : 0))
        }
        // The untested feature has no p-value, statistic or PSI series at all.
        #expect(!parsed.samples.contains { $0.labels["feature"] == "income" && ["drift_feature_p_value", "drift_feature_statistic", "drift_feature_psi"].contains($0.name) })
    }

    @Test("adjusted p-values only when a correction is on")
    func adjusted() {
        let features = [Runs.numeric("age", p: 0.004, adjusted: 0.012)]
        let on = ParsedMetrics(renderMetrics(Runs.run(model: "m", correction: "bonferroni", features: features)))
        #expect(on.value("drift_feature_p_value_adjusted", ["feature": "age", "test": "ks"]) == 0.012)
        #expect(on.type["drift_feature_p_value_adjusted"] == "gauge")
        let off = ParsedMetrics(renderMetrics(Runs.run(model: "m", correction: "none", features: features)))
        #expect(off.values("drift_feature_p_value_adjusted").isEmpty)
    }

    @Test("NaN and infinite values are never written")
    func nonFinite() {
        let run = Runs.run(model: "m", correction: "holm", features: [
            Runs.numeric("a", p: .nan, statistic: .infinity, adjusted: .nan, psi: .nan),
            Runs.numeric("b", p: 0.5, psi: -.infinity),
        ])
        let body = renderMetrics(run)
        #expect(!body.lowercased().contains("nan"))
        #expect(!body.lowercased().contains("inf"))
        let parsed = ParsedMetrics(body)
        #expect(parsed.value("drift_feature_p_value", ["feature": "a", "test": "ks"]) == nil)
        #expect(parsed.value("drift_feature_p_value", ["feature": "b", "test": "ks"]) == 0.5)
        #expect(parsed.value("drift_feature_status", ["feature": "a", "status": "tested"]) == 1)
    }

    @Test("label values with quotes, backslashes and newlines are escaped")
    func escaping() throws {
        let body = renderMetrics(Runs.run(model: "m", features: [Runs.numeric("we\"ird\\na\nme", p: 0.5)]))
        #expect(body.contains(#"feature="we\"ird\\na\nme""#))
        #expect(body.split(separator: "\n").allSatisfy { !$0.hasPrefix("me") })
    }

    @Test("a run with no features still renders the job metrics")
    func empty() {
        let parsed = ParsedMetrics(renderMetrics(Runs.run(model: "m", features: [])))
        #expect(parsed.value("drift_features_checked") == 0)
        #expect(parsed.value("drift_job_last_success_timestamp_seconds") != nil)
        #expect(parsed.values("drift_feature_p_value").isEmpty)
    }

    @Test("the failure body holds only the failure timestamp")
    func failure() {
        let body = renderFailureMetrics(at: Date(timeIntervalSince1970: 1_717_203_600))
        #expect(body.hasSuffix("\n"))
        let parsed = ParsedMetrics(body)
        #expect(parsed.samples == [Sample(name: "drift_job_last_failure_timestamp_seconds", labels: [:], value: 1_717_203_600)])
        #expect(parsed.type["drift_job_last_failure_timestamp_seconds"] == "gauge")
        #expect(parsed.help["drift_job_last_failure_timestamp_seconds"] != nil)
    }

    @Test("promtool check metrics finds nothing to complain about", .enabled(if: TestStack.toolsRun("promtool"), Comment(rawValue: TestStack.skipTools)))
    func promtoolClean() throws {
        let run = Runs.run(model: "m", correction: "bh", features: Runs.mixed(model: "m").features + [
            Runs.numeric("adj", p: 0.001, adjusted: 0.003, drifted: true),
            Runs.untested("gone", .missingColumn, reason: "no column"),
            Runs.untested("bad", .failed, reason: "text in a numeric column"),
        ])
        for body in [renderMetrics(run), renderFailureMetrics(at: Date())] {
            let result = try runTool("promtool", ["check", "metrics"], stdin: body)
            #expect(result.status == 0, "promtool: \(result.output)\n\(body)")
            #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "promtool: \(result.output)")
        }
    }
}
