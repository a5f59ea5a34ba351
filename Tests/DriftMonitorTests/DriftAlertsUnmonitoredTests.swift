import DriftMonitor
import DriftReport
import Foundation
import Testing

@Suite("driftAlerts: FeatureUnmonitored")
struct DriftAlertsUnmonitoredTests {
    static let now = DriftAlertsTests.now
    static let configuration = DriftAlertsTests.configuration

    func unmonitored(_ alerts: [Alert]) -> [Alert] { alerts.filter { $0.labels["alertname"] == "FeatureUnmonitored" } }

    @Test("nothing untested, nothing before: no FeatureUnmonitored alert")
    func none() {
        let run = Runs.run(model: "m", features: [Runs.numeric("age", p: 0.4)])
        #expect(unmonitored(driftAlerts(for: run, previouslyDrifted: [:], configuration: Self.configuration, now: Self.now)).isEmpty)
    }

    @Test("one firing alert per untested feature, labelled with the reason, described with its text")
    func firing() throws {
        let run = Runs.run(model: "churn", features: [
            Runs.numeric("age", p: 0.4),
            Runs.untested("tenure", .missingColumn, reason: "column tenure is not in the production data"),
            Runs.untested("income", .failed, reason: "production: 17 text values in a numeric column"),
            Runs.untested("calls", .insufficientSamples, reason: "production has 12 values, min_samples is 50"),
        ])
        let alerts = unmonitored(driftAlerts(for: run, previouslyDrifted: [:], configuration: Self.configuration, now: Self.now))
        #expect(alerts.map { $0.labels["feature"] } == ["tenure", "income", "calls"])
        #expect(alerts.map { $0.labels["reason"] } == ["missing_column", "failed", "insufficient_samples"])
        let tenure = try #require(alerts.first)
        #expect(tenure.labels == ["alertname": "FeatureUnmonitored", "model": "churn", "feature": "tenure",
                                  "reason": "missing_column", "severity": "page"])
        #expect(tenure.startsAt == Self.now && tenure.endsAt == Self.now.addingTimeInterval(3600))
        #expect(tenure.annotations["summary"] == "Feature tenure of model churn is not monitored (missing_column)")
        #expect(tenure.annotations["description"]?.hasPrefix("column tenure is not in the production data; production values 12; window [") == true)
        #expect(tenure.annotations["runbook_url"] == "https://runbooks.example.com/drift/churn/tenure")
    }

    @Test("tested again, or untested for another reason: the old alert resolves with its labels; still the same: re-fired only")
    func resolving() throws {
        let run = Runs.run(model: "churn", features: [
            Runs.numeric("tenure", p: 0.4),
            Runs.untested("income", .failed, reason: "text"),
            Runs.untested("calls", .insufficientSamples, reason: "few"),
        ])
        let previous = ["tenure": "missing_column", "income": "missing_column", "calls": "insufficient_samples", "gone": "failed"]
        let alerts = unmonitored(driftAlerts(
            for: run, previouslyDrifted: [:], previouslyUnmonitored: previous, configuration: Self.configuration, now: Self.now))
        let firing = alerts.filter { $0.endsAt > Self.now }
        let resolved = alerts.filter { $0.endsAt == Self.now }
        #expect(firing.map { "\($0.labels["feature"]!):\($0.labels["reason"]!)" } == ["income:failed", "calls:insufficient_samples"])
        #expect(resolved.map { "\($0.labels["feature"]!):\($0.labels["reason"]!)" }
                == ["gone:failed", "income:missing_column", "tenure:missing_column"])
        #expect(resolved.first { $0.labels["feature"] == "tenure" }?.annotations["summary"] == "Feature tenure of model churn is monitored again")
        #expect(resolved.first { $0.labels["feature"] == "income" }?.annotations["summary"] == "Feature income of model churn is no longer missing_column")
    }
}
