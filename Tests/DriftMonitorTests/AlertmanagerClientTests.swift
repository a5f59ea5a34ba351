import DriftMonitor
import DriftReport
import Foundation
import Testing

/// Against the real Alertmanager (`DRIFTWATCH_TEST_ALERTMANAGER_URL`). Every test uses its own
/// model name, so the alerts of parallel tests never mix.
@Suite("AlertmanagerClient", .enabled(if: TestStack.runs(.alertmanager), Comment(rawValue: TestStack.skipServers)))
struct AlertmanagerClientTests {
    static func configuration() throws -> AlertmanagerConfiguration {
        var configuration = AlertmanagerConfiguration(
            url: try TestStack.url(.alertmanager), runbookURL: "https://runbooks.example.com/drift/{model}/{feature}")
        configuration.timeout = 5
        configuration.generatorURL = URL(string: "http://127.0.0.1/driftwatch")
        return configuration
    }

    /// Active alerts of `model` as Alertmanager returns them.
    static func activeAlerts(model: String) async throws -> [Alert] {
        let answer = try await getJSON(
            try TestStack.url(.alertmanager), "api/v2/alerts", query: [URLQueryItem(name: "filter", value: "model=\"\(model)\"")])
        let data = try JSONSerialization.data(withJSONObject: answer)
        return try JSONDecoder().decode([Alert].self, from: data)
    }

    @Test("posted drift alerts read back from /api/v2/alerts with their labels and annotations; resolving removes them")
    func postReadResolve() async throws {
        let model = TestStack.uniqueName("dw_alerts")
        let configuration = try Self.configuration()
        let client = AlertmanagerClient(configuration: configuration, retryPolicy: RetryPolicy(attempts: 2, initialBackoff: 0.05))
        let now = Date()
        let run = Runs.mixed(model: model)
        try await client.post(driftAlerts(for: run, previouslyDrifted: [:], configuration: configuration, now: now))

        let active = try await Self.activeAlerts(model: model)
        #expect(Set(active.compactMap { $0.labels["feature"] }) == ["tenure", "plan", "income"])
        // income had too few production values: FeatureUnmonitored, not FeatureDrift.
        #expect(active.first { $0.labels["feature"] == "income" }?.labels["alertname"] == "FeatureUnmonitored")
        #expect(active.first { $0.labels["feature"] == "income" }?.labels["reason"] == "insufficient_samples")
        let tenure = try #require(active.first { $0.labels["feature"] == "tenure" })
        #expect(tenure.labels == ["alertname": "FeatureDrift", "model": model, "feature": "tenure", "test": "ks", "severity": "warning"])
        #expect(tenure.annotations["runbook_url"] == "https://runbooks.example.com/drift/\(model)/tenure")
        #expect(tenure.annotations["summary"] == "Feature tenure of model \(model) drifted (ks p-value 0.0003)")
        #expect(tenure.annotations["description"]?.contains("PSI 0.41") == true)
        #expect(tenure.generatorURL == "http://127.0.0.1/driftwatch")
        #expect(abs(tenure.endsAt.timeIntervalSince(now.addingTimeInterval(configuration.resolveAfter))) < 1)

        // Next run: tenure recovered, plan still drifting, income tested again.
        let next = Runs.run(model: model, features: [
            Runs.numeric("tenure", p: 0.6), Runs.categorical("plan", p: 1e-9, drifted: true),
        ])
        try await client.post(driftAlerts(
            for: next, previouslyDrifted: ["tenure": "ks", "plan": "chi_square"],
            previouslyUnmonitored: ["income": "insufficient_samples"], configuration: configuration, now: Date()))
        let remaining = try await poll(timeout: 20) {
            let alerts = try await Self.activeAlerts(model: model)
            return alerts.count == 1 ? alerts : nil
        }
        #expect(remaining?.first?.labels["feature"] == "plan")

        // Last run: plan recovered too; nothing is active any more.
        try await client.post(driftAlerts(
            for: Runs.run(model: model, features: [Runs.categorical("plan", p: 0.5)]), previouslyDrifted: ["plan": "chi_square"],
            configuration: configuration, now: Date()))
        let none = try await poll(timeout: 20) { try await Self.activeAlerts(model: model).isEmpty ? true : nil }
        #expect(none == true)
    }

    @Test("the job-level input failure alert is accepted and resolves")
    func jobFailure() async throws {
        let model = TestStack.uniqueName("dw_jobfail")
        let configuration = try Self.configuration()
        let client = AlertmanagerClient(configuration: configuration)
        try await client.post([jobFailureAlert(model: model, error: "cannot open production.db", configuration: configuration, now: Date())])
        let active = try await Self.activeAlerts(model: model)
        #expect(active.map { $0.labels } == [["alertname": "DriftJobInputFailure", "model": model, "severity": "critical"]])
        #expect(active.first?.annotations["description"] == "cannot open production.db")
        try await client.post([jobFailureAlert(model: model, error: "", configuration: configuration, now: Date(), resolved: true)])
        let none = try await poll(timeout: 20) { try await Self.activeAlerts(model: model).isEmpty ? true : nil }
        #expect(none == true)
    }

    @Test("an alert Alertmanager rejects gives a 400 error with its answer, not retried")
    func rejected() async throws {
        let configuration = try Self.configuration()
        let client = AlertmanagerClient(configuration: configuration, retryPolicy: RetryPolicy(attempts: 3, initialBackoff: 0.05))
        let bad = Alert(labels: ["feat-ure": "x"], startsAt: Date(), endsAt: Date().addingTimeInterval(60))
        let error = await #expect(throws: DeliveryError.self) { try await client.post([bad]) }
        guard case .httpStatus(let method, let url, let status, let body, let attempts)? = error else {
            Issue.record("expected an HTTP error, got \(String(describing: error))"); return
        }
        #expect(method == "POST")
        #expect(url.hasSuffix("/api/v2/alerts"))
        #expect(status == 400)
        #expect(attempts == 1)
        #expect(body.contains("invalid label set"))
    }

    @Test("an empty list sends nothing")
    func empty() async throws {
        // A closed port would fail any request: nothing is sent, so nothing fails.
        let closed = URL(string: "http://127.0.0.1:\(try LoopbackServer.closedPort())")!
        try await AlertmanagerClient(configuration: AlertmanagerConfiguration(url: closed)).post([])
    }
}
