import DriftMonitor
import DriftReport
import DriftProfiles
import Foundation
import GRDB
import Logging
import Testing

let quietLogger: Logger = {
    var logger = Logger(label: "driftwatch.tests") { _ in SwiftLogNoOpLogHandler() }
    logger.logLevel = .critical
    return logger
}()

/// The job without servers: dry runs, history, lock, delivery failures, exit codes.
@Suite("performCheck")
struct CheckJobTests {
    @Test("another run holding the lock: this one stops before doing anything")
    func locked() async throws {
        let configuration = try fixtureJob()
        let held = try RunLock(path: configuration.lockFile)
        defer { held.release() }
        await #expect(throws: RunLockError.self) {
            _ = try await performCheck(configuration, windowEnd: hourEnd(11), logger: quietLogger)
        }
        #expect(try RunHistory(store: ProfileStore(path: configuration.profiles)).history(model: "churn").isEmpty)
    }

    @Test("a dry run renders the body and alerts but records and sends nothing")
    func dryRun() async throws {
        let configuration = try fixtureJob {
            $0.alertmanager = AlertmanagerConfiguration(url: URL(string: "http://127.0.0.1:9")!)
            $0.pushgateway = PushgatewayConfiguration(url: URL(string: "http://127.0.0.1:9")!)
        }
        let result = try await performCheck(configuration, windowEnd: hourEnd(11), dryRun: true, logger: quietLogger)
        #expect(result.exitCode == .driftFound)
        #expect(result.metricsBody?.contains("drift_feature_drifted{feature=\"monthly_charges\"} 1") == true)
        #expect(result.alerts.count == 6)   // four features, two multivariate tests
        #expect(result.metricsBody?.contains("drift_multivariate_drifted{test=\"mmd\"} 1") == true)
        #expect(result.historyID == nil)
        #expect(result.deliveryErrors.isEmpty)
        #expect(try RunHistory(store: ProfileStore(path: configuration.profiles)).history(model: "churn").isEmpty)
    }

    @Test("an unreachable Pushgateway: the run is still recorded, exit code 3, the error kept in history")
    func deliveryFailure() async throws {
        let configuration = try fixtureJob {
            $0.pushgateway = PushgatewayConfiguration(url: URL(string: "http://127.0.0.1:9")!, timeout: 1)
            $0.retries = RetryPolicy(attempts: 2, initialBackoff: 0.05)
        }
        let result = try await performCheck(configuration, windowEnd: hourEnd(11), logger: quietLogger)
        #expect(result.exitCode == .deliveryFailed)
        let history = try RunHistory(store: ProfileStore(path: configuration.profiles)).history(model: "churn")
        #expect(history.count == 1)
        let record = try #require(history.first)
        #expect(record.status == .success)
        #expect(record.metricsDelivered == false)
        #expect(record.deliveryError?.contains("127.0.0.1:9") == true)
        #expect(Set(record.driftedFeatures.keys) == ["monthly_charges", "total_charges", "support_calls", "contract",
                                                     "multivariate:mmd", "multivariate:pca_reconstruction"])
        let stored = try CheckRun.fromJSON(try #require(record.resultJSON))
        #expect(stored.features.count == 10)
        #expect(stored.multivariate?.driftedTests == ["mmd", "pca_reconstruction"])
    }

    @Test("no delivery configured: exit codes 0 and 1 follow the verdict, every run recorded")
    func exitCodes() async throws {
        let configuration = try fixtureJob()
        let clean = try await performCheck(configuration, windowEnd: hourEnd(10), logger: quietLogger)
        #expect(clean.exitCode == .noDrift)
        let drifted = try await performCheck(configuration, windowEnd: hourEnd(11), logger: quietLogger)
        #expect(drifted.exitCode == .driftFound)
        let history = try RunHistory(store: ProfileStore(path: configuration.profiles)).history(model: "churn")
        #expect(history.map(\.featuresChecked) == [10, 10])
        #expect(history.first?.driftedFeatures.count == 6)   // four features and the two multivariate tests
        #expect(history.last?.driftedFeatures.isEmpty == true)
        #expect(history.first?.metricsDelivered == nil)
        #expect(history.map(\.driftwatchVersion) == [DriftwatchVersion.current, DriftwatchVersion.current])
    }

    @Test("unreadable inputs: exit code 2, recorded as a failure")
    func inputFailure() async throws {
        let configuration = try fixtureJob { $0.production.sqlite = "/nonexistent/production.db" }
        let result = try await performCheck(configuration, windowEnd: hourEnd(11), logger: quietLogger)
        #expect(result.exitCode == .inputError)
        #expect(result.metricsBody?.contains("drift_job_last_failure_timestamp_seconds") == true)
        let record = try #require(try RunHistory(store: ProfileStore(path: configuration.profiles)).history(model: "churn").first)
        #expect(record.status == .failure)
        #expect(record.error?.contains("/nonexistent/production.db") == true)
    }
}

/// The job against the real Pushgateway and Alertmanager.
@Suite("performCheck against the real servers",
       .enabled(if: TestStack.runs(.pushgateway, .alertmanager), Comment(rawValue: TestStack.skipServers)))
struct CheckJobServerTests {
    func configuration(model: String) throws -> CheckConfiguration {
        // A missing server fails here, with TestStack's message, instead of trapping.
        let pushgateway = try TestStack.url(.pushgateway)
        let alertmanager = try TestStack.url(.alertmanager)
        return try fixtureJob(model: model) {
            $0.pushgateway = PushgatewayConfiguration(url: pushgateway, job: "driftwatch_tests")
            $0.alertmanager = AlertmanagerConfiguration(
                url: alertmanager, runbookURL: "https://runbooks.example.com/drift/{model}/{feature}")
        }
    }

    func pushedGroup(job: String, model: String) async throws -> [String: Any]? {
        let answer = try await getJSON(try TestStack.url(.pushgateway), "api/v1/metrics") as? [String: Any]
        let groups = answer?["data"] as? [[String: Any]] ?? []
        return groups.first { group in
            let labels = group["labels"] as? [String: String]
            return labels?["job"] == job && labels?["model"] == model
        }
    }

    func activeAlerts(model: String) async throws -> [[String: Any]] {
        try await getJSON(try TestStack.url(.alertmanager), "api/v2/alerts",
                          query: [URLQueryItem(name: "filter", value: "model=\"\(model)\"")]) as? [[String: Any]] ?? []
    }

    @Test("a drifted hour pushes every feature and fires one alert per drifted feature and multivariate test; the next clean hour resolves them")
    func driftThenRecovery() async throws {
        let model = TestStack.uniqueName("dw_job")
        let configuration = try configuration(model: model)

        let drifted = try await performCheck(configuration, windowEnd: hourEnd(11), logger: quietLogger)
        #expect(drifted.exitCode == .driftFound, "\(drifted.deliveryErrors)")
        let group = try #require(try await pushedGroup(job: "driftwatch_tests", model: model))
        let driftedMetric = try #require(group["drift_feature_drifted"] as? [String: Any])
        let samples = driftedMetric["metrics"] as? [[String: Any]] ?? []
        #expect(samples.count == 10)
        let flagged = samples.filter { $0["value"] as? String == "1" }.compactMap { ($0["labels"] as? [String: String])?["feature"] }
        #expect(Set(flagged) == ["monthly_charges", "total_charges", "support_calls", "contract"])
        let pValues = (group["drift_feature_p_value"] as? [String: Any])?["metrics"] as? [[String: Any]] ?? []
        #expect(pValues.count == 10 + 7)   // ks + cramer_von_mises per numeric feature, chi_square per categorical

        // The joint distribution moved too: both multivariate tests pushed and drifted.
        let multivariate = (group["drift_multivariate_drifted"] as? [String: Any])?["metrics"] as? [[String: Any]] ?? []
        #expect(Set(multivariate.filter { $0["value"] as? String == "1" }.compactMap { ($0["labels"] as? [String: String])?["test"] })
                == ["mmd", "pca_reconstruction"])
        let mmdP = (group["drift_multivariate_p_value"] as? [String: Any])?["metrics"] as? [[String: Any]] ?? []
        #expect(mmdP.count == 1 && Double(mmdP.first?["value"] as? String ?? "") == 1.0 / 101)

        let firing = try await activeAlerts(model: model)
        #expect(Set(firing.compactMap { ($0["labels"] as? [String: String])?["feature"] })
                == ["monthly_charges", "total_charges", "support_calls", "contract"])
        #expect(Set(firing.filter { ($0["labels"] as? [String: String])?["alertname"] == "MultivariateDrift" }
                        .compactMap { ($0["labels"] as? [String: String])?["test"] }) == ["mmd", "pca_reconstruction"])
        let record = try #require(try RunHistory(store: ProfileStore(path: configuration.profiles)).history(model: model).first)
        #expect(record.metricsDelivered == true && record.alertsDelivered == true)

        let clean = try await performCheck(configuration, windowEnd: hourEnd(10), logger: quietLogger)
        #expect(clean.exitCode == .noDrift, "\(clean.deliveryErrors)")
        #expect(clean.alerts.count == 6)   // the four feature resolutions and the two multivariate ones
        let remaining = try await poll(timeout: 20) { () async throws -> Bool? in
            try await activeAlerts(model: model).isEmpty ? true : nil
        }
        #expect(remaining == true)
        try await deleteGroup(configuration, model: model)
    }

    @Test("a renamed production column fires FeatureUnmonitored in Alertmanager; renaming it back resolves the alert")
    func schemaChangeAlerts() async throws {
        let model = TestStack.uniqueName("dw_job_schema")
        var configuration = try configuration(model: model)
        // A private copy of the production fixture, whose `age` column an upstream change renames.
        let copy = URL(fileURLWithPath: configuration.profiles).deletingLastPathComponent().appendingPathComponent("production.db")
        try FileManager.default.copyItem(atPath: configuration.production.sqlite, toPath: copy.path)
        configuration.production.sqlite = copy.path
        func renameAge(_ from: String, _ to: String) throws {
            let queue = try DatabaseQueue(path: copy.path)
            try queue.write { try $0.execute(sql: "ALTER TABLE predictions RENAME COLUMN \(from) TO \(to)") }
            try queue.close()
        }
        // The job's own alerts; the stack's Prometheus also fires the shipped rule's
        // FeatureUnmonitored from the pushed drift_feature_status, with a `job` label.
        func unmonitored(fromRule: Bool = false) async throws -> [[String: String]] {
            try await activeAlerts(model: model).compactMap { $0["labels"] as? [String: String] }
                .filter { $0["alertname"] == "FeatureUnmonitored" && ($0["job"] != nil) == fromRule }
        }

        try renameAge("age", "age_years")
        let renamed = try await performCheck(configuration, windowEnd: hourEnd(10), logger: quietLogger)
        #expect(renamed.deliveryErrors.isEmpty, "\(renamed.deliveryErrors)")
        #expect(renamed.run?.features.first { $0.name == "age" }?.status == .missingColumn)
        let firing = try await poll(timeout: 20) { () async throws -> [[String: String]]? in
            let alerts = try await unmonitored()
            return alerts.isEmpty ? nil : alerts
        }
        #expect(firing?.count == 1)
        let labels = try #require(firing?.first)
        #expect(labels["feature"] == "age" && labels["reason"] == "missing_column" && labels["severity"] == "warning")
        let alert = try #require(try await activeAlerts(model: model).first {
            let labels = $0["labels"] as? [String: String]
            return labels?["alertname"] == "FeatureUnmonitored" && labels?["job"] == nil
        })
        let annotations = try #require(alert["annotations"] as? [String: String])
        #expect(annotations["description"]?.hasPrefix(#"column "age" is not in predictions (renamed?); production values 0; window ["#) == true,
                "\(annotations)")
        // The shipped Prometheus rule sees the same state in the pushed status metric.
        let ruled = try await poll(timeout: 30) { () async throws -> [[String: String]]? in
            let alerts = try await unmonitored(fromRule: true)
            return alerts.isEmpty ? nil : alerts
        }
        #expect(ruled?.map { "\($0["feature"] ?? ""):\($0["reason"] ?? ""):\($0["status"] ?? "")" } == ["age:missing_column:missing_column"])
        #expect(annotations["runbook_url"] == "https://runbooks.example.com/drift/\(model)/age")

        // The next run still misses it: the alert is re-sent, not duplicated.
        let again = try await performCheck(configuration, windowEnd: hourEnd(10), logger: quietLogger)
        #expect(again.alerts.filter { $0.labels["alertname"] == "FeatureUnmonitored" }.count == 1)

        try renameAge("age_years", "age")
        let restored = try await performCheck(configuration, windowEnd: hourEnd(10), logger: quietLogger)
        #expect(restored.run?.features.first { $0.name == "age" }?.status == .tested)
        let resolving = restored.alerts.filter { $0.labels["alertname"] == "FeatureUnmonitored" }
        #expect(resolving.count == 1 && resolving.first?.endsAt == resolving.first?.startsAt)
        let cleared = try await poll(timeout: 20) { () async throws -> Bool? in
            try await unmonitored().isEmpty ? true : nil
        }
        #expect(cleared == true)
        try await deleteGroup(configuration, model: model)
    }

    func deleteGroup(_ configuration: CheckConfiguration, model: String) async throws {
        if let pushgateway = configuration.pushgateway {
            try await PushgatewayClient(configuration: pushgateway).deleteGroup(model: model)
        }
    }

    @Test("a failed run keeps the last success in the Pushgateway and fires the job alert")
    func failureKeepsLastSuccess() async throws {
        let model = TestStack.uniqueName("dw_job_fail")
        var configuration = try configuration(model: model)
        let success = try await performCheck(configuration, windowEnd: hourEnd(10), logger: quietLogger)
        #expect(success.exitCode == .noDrift, "\(success.deliveryErrors)")

        configuration.production.sqlite = "/nonexistent/production.db"
        let failure = try await performCheck(configuration, windowEnd: hourEnd(11), logger: quietLogger)
        #expect(failure.exitCode == .inputError)
        let group = try #require(try await pushedGroup(job: "driftwatch_tests", model: model))
        #expect(group["drift_job_last_success_timestamp_seconds"] != nil)
        #expect(group["drift_feature_p_value"] != nil)
        #expect(group["drift_job_last_failure_timestamp_seconds"] != nil)
        let alerts = try await activeAlerts(model: model)
        #expect(alerts.contains { ($0["labels"] as? [String: String])?["alertname"] == "DriftJobInputFailure" })
        try await deleteGroup(configuration, model: model)
    }
}
