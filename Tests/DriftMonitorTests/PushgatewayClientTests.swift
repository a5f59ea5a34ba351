import DriftMonitor
import Foundation
import Testing

/// Against the real Pushgateway (`DRIFTWATCH_TEST_PUSHGATEWAY_URL`). Every test uses its own
/// job and model and deletes its group at the end.
@Suite("PushgatewayClient", .enabled(if: TestStack.runs(.pushgateway), Comment(rawValue: TestStack.skipServers)))
struct PushgatewayClientTests {
    /// The group's metrics as the gateway stores them: name → (type, help, samples).
    struct StoredMetric {
        let type: String
        let help: String
        let samples: [(labels: [String: String], value: Double)]

        func value(_ labels: [String: String]) -> Double? {
            samples.first { sample in labels.allSatisfy { sample.labels[$0.key] == $0.value } }?.value
        }
    }

    static func client(job: String) throws -> PushgatewayClient {
        PushgatewayClient(
            configuration: PushgatewayConfiguration(url: try TestStack.url(.pushgateway), job: job, timeout: 5),
            retryPolicy: RetryPolicy(attempts: 2, initialBackoff: 0.05))
    }

    /// Reads `/api/v1/metrics` and returns the group `job`/`model`, or nil when it does not exist.
    static func storedGroup(job: String, model: String) async throws -> [String: StoredMetric]? {
        let root = try await getJSON(try TestStack.url(.pushgateway), "api/v1/metrics") as? [String: Any]
        let groups = root?["data"] as? [[String: Any]] ?? []
        guard let group = groups.first(where: {
            let labels = $0["labels"] as? [String: String]
            return labels?["job"] == job && labels?["model"] == model
        }) else { return nil }
        var metrics: [String: StoredMetric] = [:]
        for (name, entry) in group {
            guard let entry = entry as? [String: Any], let samples = entry["metrics"] as? [[String: Any]] else { continue }
            metrics[name] = StoredMetric(
                type: entry["type"] as? String ?? "", help: entry["help"] as? String ?? "",
                samples: samples.map { sample in
                    ((sample["labels"] as? [String: String]) ?? [:], Double(sample["value"] as? String ?? "") ?? .nan)
                })
        }
        return metrics
    }

    /// Runs `body`, then deletes the groups whether it threw or not.
    static func cleaning(_ client: PushgatewayClient, models: [String], _ body: () async throws -> Void) async throws {
        do { try await body() } catch {
            for model in models { try? await client.deleteGroup(model: model) }
            throw error
        }
        for model in models { try await client.deleteGroup(model: model) }
    }

    @Test("a pushed run reads back with its values, labels, HELP and TYPE")
    func pushAndReadBack() async throws {
        let job = TestStack.uniqueName("dw_push")
        let model = "churn"
        let client = try Self.client(job: job)
        try await Self.cleaning(client, models: [model]) {
            let run = Runs.mixed(model: model)
            try await client.push(run)
            let stored = try #require(try await Self.storedGroup(job: job, model: model))
            let pValue = try #require(stored["drift_feature_p_value"])
            #expect(pValue.type == "GAUGE")
            #expect(pValue.help == "p-value of a drift test for a feature (unadjusted).")
            #expect(pValue.value(["feature": "tenure", "test": "ks", "job": job, "model": model]) == 0.0003)
            #expect(pValue.value(["feature": "plan", "test": "chi_square"]) == 1e-9)
            #expect(pValue.samples.allSatisfy { $0.labels["job"] == job && $0.labels["model"] == model })
            #expect(stored["drift_feature_drifted"]?.value(["feature": "tenure"]) == 1)
            #expect(stored["drift_feature_status"]?.value(["feature": "income", "status": "insufficient_samples"]) == 1)
            #expect(stored["drift_features_drifted"]?.value([:]) == 2)
            #expect(stored["drift_job_last_success_timestamp_seconds"]?.value([:]) == 1_717_200_060.75)
            // Every metric the renderer wrote is stored, as a gauge with help.
            let rendered = Set(ParsedMetrics(renderMetrics(run)).samples.map(\.name))
            for name in rendered {
                let help = stored[name]?.help ?? ""
                #expect(stored[name]?.type == "GAUGE", "\(name)")
                #expect(help.count > 10, "\(name)")
            }
        }
    }

    @Test("a second PUT replaces the group: features gone from the run are gone from the gateway")
    func putReplaces() async throws {
        let job = TestStack.uniqueName("dw_replace")
        let client = try Self.client(job: job)
        try await Self.cleaning(client, models: ["m"]) {
            try await client.push(Runs.mixed(model: "m"))
            try await client.push(Runs.run(model: "m", features: [Runs.numeric("age", p: 0.9)]))
            let stored = try #require(try await Self.storedGroup(job: job, model: "m"))
            let features = Set((stored["drift_feature_drifted"]?.samples ?? []).compactMap { $0.labels["feature"] })
            #expect(features == ["age"])
            #expect(stored["drift_feature_p_value"]?.samples.count == 2)  // ks + cramer_von_mises of age
            #expect(stored["drift_features_drifted"]?.value([:]) == 0)
        }
    }

    @Test("a failure POST keeps the last success's metrics and sets the failure timestamp")
    func failureKeepsSuccess() async throws {
        let job = TestStack.uniqueName("dw_failure")
        let client = try Self.client(job: job)
        try await Self.cleaning(client, models: ["m"]) {
            try await client.push(Runs.mixed(model: "m"))
            try await client.pushFailure(model: "m", at: Date(timeIntervalSince1970: 1_717_203_700))
            let stored = try #require(try await Self.storedGroup(job: job, model: "m"))
            #expect(stored["drift_job_last_failure_timestamp_seconds"]?.value([:]) == 1_717_203_700)
            #expect(stored["drift_job_last_failure_timestamp_seconds"]?.type == "GAUGE")
            #expect(stored["drift_job_last_success_timestamp_seconds"]?.value([:]) == 1_717_200_060.75)
            #expect(stored["drift_feature_p_value"]?.value(["feature": "tenure", "test": "ks"]) == 0.0003)
            // The next success replaces the group, failure metric included.
            try await client.push(Runs.mixed(model: "m"))
            let after = try #require(try await Self.storedGroup(job: job, model: "m"))
            #expect(after["drift_job_last_failure_timestamp_seconds"] == nil)
        }
    }

    @Test("a failure before any success creates the group with only the failure metric")
    func failureFirst() async throws {
        let job = TestStack.uniqueName("dw_failfirst")
        let client = try Self.client(job: job)
        try await Self.cleaning(client, models: ["m"]) {
            try await client.pushFailure(model: "m", at: Date(timeIntervalSince1970: 1_717_203_700))
            let stored = try #require(try await Self.storedGroup(job: job, model: "m"))
            #expect(stored["drift_job_last_failure_timestamp_seconds"]?.value([:]) == 1_717_203_700)
            #expect(stored["drift_job_last_success_timestamp_seconds"] == nil)
        }
    }

    @Test("NaN p-values are never pushed; the feature shows in the status metric")
    func nanNeverPushed() async throws {
        let job = TestStack.uniqueName("dw_nan")
        let client = try Self.client(job: job)
        try await Self.cleaning(client, models: ["m"]) {
            try await client.push(Runs.run(model: "m", correction: "bh", features: [
                Runs.numeric("a", p: .nan, statistic: .nan, adjusted: .nan, psi: .nan),
                Runs.numeric("b", p: 0.3),
            ]))
            let stored = try #require(try await Self.storedGroup(job: job, model: "m"))
            for metric in stored.values {
                #expect(metric.samples.allSatisfy { !$0.value.isNaN })
            }
            #expect(stored["drift_feature_p_value"]?.value(["feature": "a"]) == nil)
            #expect(stored["drift_feature_p_value"]?.value(["feature": "b", "test": "ks"]) == 0.3)
            #expect(stored["drift_feature_status"]?.value(["feature": "a", "status": "tested"]) == 1)
        }
    }

    @Test("a model name with '/' is sent base64url-encoded and stored as is")
    func slashInModel() async throws {
        let job = TestStack.uniqueName("dw_slash")
        let client = try Self.client(job: job)
        let model = "eu/churn v2"
        try await Self.cleaning(client, models: [model]) {
            try await client.push(Runs.mixed(model: model))
            let stored = try #require(try await Self.storedGroup(job: job, model: model))
            #expect(stored["drift_features_checked"]?.value(["model": model]) == 3)
        }
    }

    @Test("a 400 from the gateway is not retried, and the error carries the gateway's answer")
    func badRequest() async throws {
        let job = TestStack.uniqueName("dw_bad")
        let client = try Self.client(job: job)
        try await Self.cleaning(client, models: ["m"]) {
            let error = await #expect(throws: DeliveryError.self) {
                try await client.push(body: "# TYPE x gauge\nx 0.5 1700000000000\n", model: "m")
            }
            guard case .httpStatus(let method, let url, let status, let body, let attempts)? = error else {
                Issue.record("expected an HTTP error, got \(String(describing: error))"); return
            }
            #expect(method == "PUT")
            #expect(url.hasSuffix("/metrics/job/\(job)/model/m"))
            #expect(status == 400)
            #expect(attempts == 1)
            #expect(body.contains("pushed metrics must not have timestamps"))
            #expect(error?.description.contains("HTTP 400 after 1 attempt: pushed metrics are invalid") == true)
        }
    }

    @Test("deleting a group removes it")
    func delete() async throws {
        let job = TestStack.uniqueName("dw_delete")
        let client = try Self.client(job: job)
        try await client.push(Runs.mixed(model: "m"))
        #expect(try await Self.storedGroup(job: job, model: "m") != nil)
        try await client.deleteGroup(model: "m")
        #expect(try await Self.storedGroup(job: job, model: "m") == nil)
    }
}
