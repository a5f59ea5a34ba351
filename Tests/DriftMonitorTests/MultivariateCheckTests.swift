import DriftMonitor
import Foundation
import Testing

@Suite("MultivariateCheck and its metrics")
struct MultivariateCheckTests {
    @Test("unavailable: only the status state set, no numbers")
    func unavailableMetrics() {
        var run = Runs.mixed(model: "churn")
        run.multivariate = MultivariateCheck(
            features: [], mmdStatus: .unavailable, reconstructionStatus: .unavailable, reason: "profile churn v3: built before multivariate profiles (re-create it)",
            mmd: nil, reconstruction: nil, referenceRows: 0, productionRows: 0, productionDroppedRows: 0)
        let parsed = ParsedMetrics(renderMetrics(run))
        #expect(parsed.values("drift_multivariate_p_value").isEmpty)
        #expect(parsed.values("drift_multivariate_reconstruction_error").isEmpty)
        #expect(parsed.values("drift_multivariate_samples").isEmpty)
        for test in ["mmd", "pca_reconstruction"] {
            #expect(parsed.value("drift_multivariate_status", ["test": test, "status": "unavailable"]) == 1)
            #expect(parsed.value("drift_multivariate_status", ["test": test, "status": "tested"]) == 0)
            #expect(parsed.value("drift_multivariate_drifted", ["test": test]) == 0)
        }
        #expect(!run.hasDrift == run.driftedFeatures.isEmpty)
    }

    @Test("tested: p-value, statistic, error, band, drifted, samples and dropped rows")
    func testedMetrics() {
        var run = Runs.run(model: "churn", features: [Runs.numeric("age", p: 0.42)])
        run.multivariate = Runs.multivariate(mmdDrifted: true, reconstructionDrifted: false)
        #expect(run.hasDrift && run.driftedFeatures.isEmpty)
        let parsed = ParsedMetrics(renderMetrics(run))
        #expect(parsed.value("drift_multivariate_p_value", ["test": "mmd"]) == 0.0099)
        #expect(parsed.value("drift_multivariate_statistic", ["test": "mmd"]) == 0.04)
        #expect(parsed.value("drift_multivariate_reconstruction_error") == 2.1)
        #expect(parsed.value("drift_multivariate_reconstruction_bound", ["bound": "lower"]) == 1.9)
        #expect(parsed.value("drift_multivariate_reconstruction_bound", ["bound": "upper"]) == 2.3)
        #expect(parsed.value("drift_multivariate_drifted", ["test": "mmd"]) == 1)
        #expect(parsed.value("drift_multivariate_drifted", ["test": "pca_reconstruction"]) == 0)
        #expect(parsed.value("drift_multivariate_samples", ["dataset": "reference"]) == 2_000)
        #expect(parsed.value("drift_multivariate_samples", ["dataset": "production"]) == 820)
        #expect(parsed.value("drift_multivariate_dropped_rows") == 34)
        for name in ["drift_multivariate_p_value", "drift_multivariate_reconstruction_error", "drift_multivariate_drifted"] {
            #expect(parsed.type[name] == "gauge" && !(parsed.help[name] ?? "").isEmpty, "\(name)")
        }
    }

    @Test("a run with multivariate results round-trips through its history JSON; old JSON without it decodes")
    func codable() throws {
        var run = Runs.mixed(model: "churn")
        run.multivariate = Runs.multivariate(mmdDrifted: false, reconstructionDrifted: true)
        let data = try JSONEncoder().encode(run)
        #expect(try JSONDecoder().decode(CheckRun.self, from: data) == run)
        var old = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        old.removeValue(forKey: "multivariate")
        let decoded = try JSONDecoder().decode(CheckRun.self, from: try JSONSerialization.data(withJSONObject: old))
        #expect(decoded.multivariate == nil)
    }
}
