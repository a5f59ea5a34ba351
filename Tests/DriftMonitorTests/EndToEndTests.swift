import DriftMonitor
import Foundation
import Testing

/// Pushgateway → Prometheus (scraping it with the shipped deploy/prometheus/drift-rules.yml) →
/// Alertmanager, as `scripts/stack/start` wires them.
@Suite("End to end", .enabled(if: TestStack.runs(.pushgateway, .alertmanager, .prometheus), Comment(rawValue: TestStack.skipServers)))
struct EndToEndTests {
    @Test("a drifted feature pushed to the Pushgateway fires FeatureDrift from the shipped rules in Alertmanager")
    func featureDriftReachesAlertmanager() async throws {
        let job = TestStack.uniqueName("dw_e2e")
        let model = "churn"
        let pushgateway = PushgatewayClient(configuration: PushgatewayConfiguration(url: try TestStack.url(.pushgateway), job: job))
        let alertmanager = try TestStack.url(.alertmanager)
        let prometheus = try TestStack.url(.prometheus)
        // Prometheus must be running the shipped rule file.
        let rules = try await getJSON(prometheus, "api/v1/rules") as? [String: Any]
        let files = ((rules?["data"] as? [String: Any])?["groups"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        #expect(files.contains { $0.hasSuffix("deploy/prometheus/drift-rules.yml") }, "\(files)")

        try await pushgateway.push(Runs.mixed(model: model))
        do {
            let started = Date()
            let fired = try await poll(timeout: 60) { () -> [String: Any]? in
                let answer = try await getJSON(alertmanager, "api/v2/alerts", query: [
                    URLQueryItem(name: "filter", value: "alertname=\"FeatureDrift\""),
                    URLQueryItem(name: "filter", value: "job=\"\(job)\""),
                ]) as? [[String: Any]] ?? []
                return answer.count >= 2 ? ["alerts": answer] : nil
            }
            let alerts = try #require(fired?["alerts"] as? [[String: Any]], "no FeatureDrift alert reached Alertmanager within 60 s")
            let labels = alerts.compactMap { $0["labels"] as? [String: String] }
            #expect(Set(labels.compactMap { $0["feature"] }) == ["tenure", "plan"])
            let tenure = try #require(labels.first { $0["feature"] == "tenure" })
            #expect(tenure["model"] == model && tenure["job"] == job && tenure["severity"] == "warning")
            let annotations = alerts.compactMap { $0["annotations"] as? [String: String] }
            #expect(annotations.contains { $0["runbook_url"] == "https://runbooks.example.com/drift/churn/tenure" })
            #expect(alerts.allSatisfy { ($0["generatorURL"] as? String)?.hasPrefix(prometheus.absoluteString) == true })
            print("FeatureDrift reached Alertmanager \(String(format: "%.1f", Date().timeIntervalSince(started))) s after the push")
        } catch {
            try? await pushgateway.deleteGroup(model: model)
            throw error
        }
        try await pushgateway.deleteGroup(model: model)
    }
}
