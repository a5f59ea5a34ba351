import DriftMonitor
import Foundation
import Testing

@Suite("multivariate alerts")
struct MultivariateAlertsTests {
    static let now = DriftAlertsTests.now

    func run(mmd: Bool, reconstruction: Bool) -> CheckRun {
        var run = Runs.run(model: "churn", features: [Runs.numeric("age", p: 0.42)])
        run.multivariate = Runs.multivariate(mmdDrifted: mmd, reconstructionDrifted: reconstruction)
        return run
    }

    @Test("no multivariate drift and none before: no alerts")
    func quiet() {
        #expect(driftAlerts(for: run(mmd: false, reconstruction: false), previouslyDrifted: [:],
                            configuration: DriftAlertsTests.configuration, now: Self.now).isEmpty)
        var off = run(mmd: false, reconstruction: false)
        off.multivariate = nil
        #expect(driftAlerts(for: off, previouslyDrifted: [:], configuration: DriftAlertsTests.configuration, now: Self.now).isEmpty)
    }

    @Test("one firing MultivariateDrift alert per drifted test, with the numbers in the description")
    func firing() throws {
        let alerts = driftAlerts(for: run(mmd: true, reconstruction: true), previouslyDrifted: [:],
                                 configuration: DriftAlertsTests.configuration, now: Self.now)
        #expect(alerts.count == 2)
        let mmd = try #require(alerts.first)
        #expect(mmd.labels == ["alertname": "MultivariateDrift", "model": "churn", "test": "mmd", "severity": "page"])
        #expect(mmd.endsAt == Self.now.addingTimeInterval(3600))
        #expect(mmd.annotations["summary"] == "The joint distribution of model churn's features drifted (MMD)")
        #expect(mmd.annotations["runbook_url"] == "https://runbooks.example.com/drift/churn/multivariate")
        let description = try #require(mmd.annotations["description"])
        for fact in ["permutation p-value 0.0099", "100 permutations", "3 features", "production 820 (34 dropped for missing values)"] {
            #expect(description.contains(fact), "\(fact) in \(description)")
        }
        #expect(alerts[1].labels["test"] == "pca_reconstruction")
        #expect(alerts[1].annotations["description"]?.contains("reference band [1.9, 2.3]") == true)
    }

    @Test("a test that drifted last run and no longer does is resolved; feature alerts are untouched")
    func resolving() throws {
        let previous = ["multivariate:mmd": "mmd", "multivariate:pca_reconstruction": "pca_reconstruction", "age": "ks"]
        let alerts = driftAlerts(for: run(mmd: true, reconstruction: false), previouslyDrifted: previous,
                                 configuration: DriftAlertsTests.configuration, now: Self.now)
        let byTest = Dictionary(alerts.compactMap { alert in alert.labels["test"].map { ($0 + (alert.labels["alertname"] ?? ""), alert) } },
                                uniquingKeysWith: { first, _ in first })
        #expect(alerts.count == 3)
        #expect(byTest["mmdMultivariateDrift"]?.endsAt == Self.now.addingTimeInterval(3600))
        let resolved = try #require(byTest["pca_reconstructionMultivariateDrift"])
        #expect(resolved.endsAt == Self.now)
        #expect(resolved.annotations["summary"] == "The joint distribution of model churn's features no longer drifts (PCA reconstruction error)")
        // The feature "age" recovered: its own FeatureDrift alert resolves, and no feature is named "multivariate:…".
        #expect(byTest["ksFeatureDrift"]?.endsAt == Self.now)
        #expect(!alerts.contains { $0.labels["feature"]?.hasPrefix("multivariate") == true })
    }

    @Test("multivariate tests switched off after drifting: their alerts resolve")
    func switchedOff() {
        var off = run(mmd: false, reconstruction: false)
        off.multivariate = nil
        let alerts = driftAlerts(for: off, previouslyDrifted: ["multivariate:mmd": "mmd"],
                                 configuration: DriftAlertsTests.configuration, now: Self.now)
        #expect(alerts.count == 1)
        #expect(alerts.first?.labels["alertname"] == "MultivariateDrift" && alerts.first?.endsAt == Self.now)
        #expect(alerts.first?.annotations["description"]?.contains("not run in this window") == true)
    }
}
