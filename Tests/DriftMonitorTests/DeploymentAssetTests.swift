import DriftMonitor
import DriftSources
import DriftTestSupport
import Foundation
import Testing

/// The files in `deploy/`, checked with the real tools (promtool, amtool) and against the
/// metrics the job actually pushes.
@Suite("deploy/ assets", .enabled(if: TestStack.toolsRun("promtool", "amtool"), Comment(rawValue: TestStack.skipTools)))
struct DeploymentAssetTests {
    static let deploy = repositoryRoot.appendingPathComponent("deploy", isDirectory: true)

    /// Every metric name `renderMetrics` and `renderFailureMetrics` can write.
    static var emittedMetrics: Set<String> {
        var run = Runs.run(model: "m", correction: "holm", features: Runs.mixed(model: "m").features + [
            Runs.numeric("adj", p: 0.001, adjusted: 0.003, drifted: true),
        ])
        run.multivariate = Runs.multivariate(mmdDrifted: true, reconstructionDrifted: true)
        let window = try? TimeWindow(end: Runs.windowEnd, duration: 3_600)
        let history = (1...6).map {
            VolumeObservation(windowStart: Runs.windowEnd.addingTimeInterval(-Double($0 + 1) * 3_600),
                              windowEnd: Runs.windowEnd.addingTimeInterval(-Double($0) * 3_600), rows: 400)
        }
        run.health = DataHealth(
            volume: DataHealth.Volume(rows: 400, baseline: window.flatMap { VolumeBaseline(observations: history, window: $0, rule: .init()) }),
            freshness: DataHealth.Freshness(newest: Runs.windowEnd, windowEnd: Runs.windowEnd, maxAge: 7_200, searched: 3_600),
            missing: [DataHealth.MissingCheck(feature: "age", referenceRatio: 0, productionRatio: 0, pValue: 1, spiked: false)])
        return Set(ParsedMetrics(renderMetrics(run) + renderFailureMetrics(at: Date())).samples.map(\.name))
    }

    /// `drift_…` metric names used in a text.
    static func referencedMetrics(_ text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let range = rest.range(of: "drift_") {
            let before = range.lowerBound == rest.startIndex ? nil : rest[rest.index(before: range.lowerBound)]
            let name = rest[range.lowerBound...].prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" })
            if before.map({ !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) ?? true { names.insert(String(name)) }
            rest = rest[name.endIndex...]
        }
        return names
    }

    @Test("promtool check rules accepts drift-rules.yml")
    func checkRules() throws {
        let result = try runTool("promtool", ["check", "rules", Self.deploy.appendingPathComponent("prometheus/drift-rules.yml").path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("SUCCESS: 8 rules found"))
    }

    @Test("promtool test rules passes drift-rules.test.yml (FeatureDrift, MultivariateDrift, FeatureUnmonitored, data health, DriftJobStale, DriftJobFailing)")
    func testRules() throws {
        let folder = Self.deploy.appendingPathComponent("prometheus", isDirectory: true)
        let result = try runTool("promtool", ["test", "rules", "drift-rules.test.yml"], in: folder)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("SUCCESS"))
    }

    @Test("promtool check config accepts the example prometheus.yml and the rule file it lists")
    func checkConfig() throws {
        let result = try runTool("promtool", ["check", "config", Self.deploy.appendingPathComponent("prometheus/prometheus.yml").path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("SUCCESS: 1 rule files found"))
        let text = try String(contentsOf: Self.deploy.appendingPathComponent("prometheus/prometheus.yml"), encoding: .utf8)
        #expect(text.contains("honor_labels: true"))
    }

    @Test("amtool check-config accepts the example alertmanager.yml")
    func checkAlertmanager() throws {
        let result = try runTool("amtool", ["check-config", Self.deploy.appendingPathComponent("alertmanager/alertmanager.yml").path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("SUCCESS"))
    }

    @Test("the rules use only metrics the job pushes")
    func rulesMetrics() throws {
        let text = try String(contentsOf: Self.deploy.appendingPathComponent("prometheus/drift-rules.yml"), encoding: .utf8)
        let used = Self.referencedMetrics(text)
        #expect(used.isSuperset(of: ["drift_feature_drifted", "drift_multivariate_drifted", "drift_job_last_success_timestamp_seconds", "drift_job_last_failure_timestamp_seconds",
                                     "drift_production_rows", "drift_production_rows_expected", "drift_production_newest_timestamp_seconds",
                                     "drift_feature_missing_spike"]))
        #expect(used.subtracting(Self.emittedMetrics).isEmpty, "unknown: \(used.subtracting(Self.emittedMetrics))")
    }

    @Test("the Grafana dashboard parses and queries only metrics the job pushes")
    func dashboard() throws {
        let data = try Data(contentsOf: Self.deploy.appendingPathComponent("grafana/driftwatch-dashboard.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let panels = try #require(root["panels"] as? [[String: Any]])
        var expressions: [String] = []
        for panel in panels {
            for target in panel["targets"] as? [[String: Any]] ?? [] {
                if let expr = target["expr"] as? String { expressions.append(expr) }
            }
        }
        for variable in (root["templating"] as? [String: Any])?["list"] as? [[String: Any]] ?? [] {
            if let definition = variable["definition"] as? String { expressions.append(definition) }
        }
        let used = Self.referencedMetrics(expressions.joined(separator: "\n"))
        #expect(used.subtracting(Self.emittedMetrics).isEmpty, "unknown: \(used.subtracting(Self.emittedMetrics))")
        // The panels the issue asks for.
        for metric in ["drift_feature_p_value", "drift_feature_drifted", "drift_feature_psi", "drift_job_duration_seconds",
                       "drift_job_last_success_timestamp_seconds", "drift_multivariate_p_value",
                       "drift_multivariate_reconstruction_error", "drift_multivariate_reconstruction_bound",
                       "drift_production_rows", "drift_production_rows_expected", "drift_production_newest_timestamp_seconds",
                       "drift_feature_missing_spike"] {
            #expect(used.contains(metric), "\(metric)")
        }
        // The p-value panel draws the 0.01 threshold.
        let pValuePanel = try #require(panels.first { ($0["targets"] as? [[String: Any]])?.contains { ($0["expr"] as? String)?.contains("drift_feature_p_value") == true } == true })
        let steps = ((pValuePanel["fieldConfig"] as? [String: Any])?["defaults"] as? [String: Any])
            .flatMap { ($0["thresholds"] as? [String: Any])?["steps"] as? [[String: Any]] } ?? []
        #expect(steps.contains { $0["value"] as? Double == 0.01 })
    }

    @Test("the crontab, systemd units and CronJob run `driftwatch check --config`")
    func schedulers() throws {
        for file in ["cron/driftwatch.crontab", "systemd/driftwatch-check@.service", "kubernetes/driftwatch-cronjob.yaml"] {
            let text = try String(contentsOf: Self.deploy.appendingPathComponent(file), encoding: .utf8)
            #expect(text.contains("check") && text.contains("--config"), "\(file)")
        }
        let timer = try String(contentsOf: Self.deploy.appendingPathComponent("systemd/driftwatch-check@.timer"), encoding: .utf8)
        #expect(timer.contains("OnCalendar="))
        let cronJob = try String(contentsOf: Self.deploy.appendingPathComponent("kubernetes/driftwatch-cronjob.yaml"), encoding: .utf8)
        #expect(cronJob.contains("kind: CronJob") && cronJob.contains("concurrencyPolicy: Forbid"))
    }
}
