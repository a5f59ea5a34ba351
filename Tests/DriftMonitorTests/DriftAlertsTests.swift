import DriftMonitor
import DriftReport
import Foundation
import Testing

@Suite("driftAlerts")
struct DriftAlertsTests {
    static let now = Date(timeIntervalSince1970: 1_717_200_100)

    static var configuration: AlertmanagerConfiguration {
        var configuration = AlertmanagerConfiguration(
            url: URL(string: "http://127.0.0.1:9093")!, runbookURL: "https://runbooks.example.com/drift/{model}/{feature}",
            severity: "page")
        configuration.resolveAfter = 3600
        return configuration
    }

    @Test("one firing FeatureDrift alert per drifted feature, with labels, annotations and endsAt = now + resolveAfter")
    func firing() throws {
        let all = driftAlerts(for: Runs.mixed(model: "churn"), previouslyDrifted: [:], configuration: Self.configuration, now: Self.now)
        // Drift alerts first; the untested `income` follows as FeatureUnmonitored.
        #expect(all.map { $0.labels["alertname"] } == ["FeatureDrift", "FeatureDrift", "FeatureUnmonitored"])
        let alerts = Array(all.prefix(2))
        #expect(alerts.map { $0.labels["feature"] } == ["tenure", "plan"])
        let tenure = try #require(alerts.first)
        #expect(tenure.labels == ["alertname": "FeatureDrift", "model": "churn", "feature": "tenure", "test": "ks", "severity": "page"])
        #expect(alerts[1].labels["test"] == "chi_square")
        #expect(tenure.startsAt == Self.now)
        #expect(tenure.endsAt == Self.now.addingTimeInterval(3600))
        #expect(tenure.annotations["runbook_url"] == "https://runbooks.example.com/drift/churn/tenure")
        #expect(tenure.annotations["summary"] == "Feature tenure of model churn drifted (ks p-value 0.0003)")
        let description = try #require(tenure.annotations["description"])
        for fact in ["ks p-value 0.0003", "statistic 0.31", "PSI 0.41", "samples reference 10000 / production 842",
                     "window [2024-05-31T23:00:00.000Z, 2024-06-01T00:00:00.000Z)"] {
            #expect(description.contains(fact), "\(fact) in \(description)")
        }
        #expect(tenure.generatorURL == nil)
    }

    @Test("recovered features are resolved with the previous labels and endsAt = now; still-drifting ones are not")
    func resolving() throws {
        let run = Runs.run(model: "churn", features: [
            Runs.numeric("age", p: 0.42),
            Runs.numeric("tenure", p: 0.0003, drifted: true),
        ])
        let alerts = driftAlerts(
            for: run, previouslyDrifted: ["age": "ks", "tenure": "ks", "dropped": "chi_square"],
            configuration: Self.configuration, now: Self.now)
        #expect(alerts.count == 3)
        #expect(alerts[0].labels["feature"] == "tenure")
        #expect(alerts[0].endsAt > Self.now)
        let age = try #require(alerts.first { $0.labels["feature"] == "age" })
        #expect(age.labels == ["alertname": "FeatureDrift", "model": "churn", "feature": "age", "test": "ks", "severity": "page"])
        #expect(age.endsAt == Self.now && age.startsAt <= age.endsAt)
        #expect(age.annotations["summary"] == "Feature age of model churn no longer drifts")
        let dropped = try #require(alerts.first { $0.labels["feature"] == "dropped" })
        #expect(dropped.labels["test"] == "chi_square")
        #expect(dropped.endsAt == Self.now)
        #expect(dropped.annotations["summary"]?.contains("no longer checked") == true)
    }

    @Test("a feature now drifting on another test resolves the alert of the old test")
    func testChanged() {
        let run = Runs.run(model: "m", features: [Runs.categorical("plan", p: 1e-5, drifted: true)])
        let alerts = driftAlerts(for: run, previouslyDrifted: ["plan": "ks"], configuration: Self.configuration, now: Self.now)
        #expect(alerts.map { "\($0.labels["test"] ?? "")@\($0.endsAt == Self.now ? "resolved" : "firing")" } == ["chi_square@firing", "ks@resolved"])
    }

    @Test("no drift and nothing before: no alerts")
    func quiet() {
        let run = Runs.run(model: "m", features: [Runs.numeric("age", p: 0.42)])
        #expect(driftAlerts(for: run, previouslyDrifted: [:], configuration: Self.configuration, now: Self.now).isEmpty)
    }

    @Test("the job-level input failure alert fires and resolves")
    func jobFailure() {
        var configuration = Self.configuration
        configuration.generatorURL = URL(string: "http://grafana.example/d/driftwatch")
        let firing = jobFailureAlert(model: "churn", error: "cannot open production.db: no such file", configuration: configuration, now: Self.now)
        #expect(firing.labels == ["alertname": "DriftJobInputFailure", "model": "churn", "severity": "critical"])
        #expect(firing.annotations["description"] == "cannot open production.db: no such file")
        #expect(firing.endsAt == Self.now.addingTimeInterval(3600))
        #expect(firing.generatorURL == "http://grafana.example/d/driftwatch")
        let resolved = jobFailureAlert(model: "churn", error: "", configuration: configuration, now: Self.now, resolved: true)
        #expect(resolved.labels == firing.labels)
        #expect(resolved.endsAt == Self.now)
    }

    @Test("runbook templates percent-encode the names")
    func runbook() {
        #expect(runbookURL("https://r.example/{model}/{feature}?x={feature}", model: "eu/churn", feature: "monthly charges")
            == "https://r.example/eu%2Fchurn/monthly%20charges?x=monthly%20charges")
        #expect(runbookURL(nil, model: "m", feature: "f") == nil)
        #expect(runbookURL("", model: "m", feature: "f") == nil)
    }
}
