import Foundation

/// Delivers a model's run results to a Prometheus Pushgateway, one group per model
/// (`/metrics/job/<job>/model/<model>`).
///
/// - A successful run is sent with **PUT**, which replaces the whole group: features that left
///   the run leave the gateway too.
/// - A failed run is sent with **POST** and only `drift_job_last_failure_timestamp_seconds`,
///   which replaces only that metric, so the last success's metrics stay (the Pushgateway's
///   advice for batch jobs).
///
/// Requests time out after the configuration's `timeout`; connection errors and 5xx answers are
/// retried with exponential backoff per the ``RetryPolicy``; 4xx answers are not retried.
///
/// ```swift
/// let client = PushgatewayClient(configuration: PushgatewayConfiguration(url: URL(string: "http://127.0.0.1:9091")!))
/// try await client.push(run)                            // PUT renderMetrics(run)
/// try await client.pushFailure(model: "churn", at: Date())  // POST the failure timestamp
/// ```
public struct PushgatewayClient: Sendable {
    /// Where to push, the `job` label and the timeout.
    public let configuration: PushgatewayConfiguration
    /// Retries on connection errors and 5xx answers.
    public let retryPolicy: RetryPolicy

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - configuration: The `pushgateway:` settings.
    ///   - retryPolicy: Attempts and backoff; default 3 attempts, 0.5 s then 1 s.
    /// - Complexity: O(1).
    public init(configuration: PushgatewayConfiguration, retryPolicy: RetryPolicy = RetryPolicy()) {
        self.configuration = configuration
        self.retryPolicy = retryPolicy
    }

    /// The group `model`'s runs are pushed to.
    ///
    /// - Parameter model: The model name.
    /// - Returns: The grouping key `job=<configuration.job>, model=<model>`.
    /// - Throws: ``DeliveryError/invalidRequest(_:)`` when the job name is empty.
    /// - Complexity: O(1).
    public func group(model: String) throws -> PushgatewayGroup {
        try PushgatewayGroup(job: configuration.job, model: model)
    }

    /// The group's URL: `<url>/metrics/job/<job>/model/<model>`.
    ///
    /// - Parameter model: The model name.
    /// - Returns: The URL the run is PUT to.
    /// - Throws: ``DeliveryError/invalidRequest(_:)`` for an empty job or a base URL that is not http(s).
    /// - Complexity: O(length of the URL).
    public func groupURL(model: String) throws -> URL {
        try group(model: model).url(under: configuration.url)
    }

    /// Replaces the model's group with the run's metrics (``renderMetrics(_:)``), with PUT.
    ///
    /// - Parameter run: The finished run; its `model` names the group.
    /// - Throws: ``DeliveryError`` naming the URL, the status and the gateway's answer.
    /// - Complexity: O(features × tests) to render, plus at most `retryPolicy.attempts` requests.
    public func push(_ run: CheckRun) async throws {
        try await push(body: renderMetrics(run), model: run.model)
    }

    /// Replaces the model's group with an already rendered body, with PUT (what `--dry-run`
    /// prints is exactly what this sends).
    ///
    /// - Parameters:
    ///   - body: Prometheus text format, ending with a newline.
    ///   - model: The model name.
    /// - Throws: ``DeliveryError``; a body the gateway rejects gives HTTP 400, not retried.
    /// - Complexity: at most `retryPolicy.attempts` requests.
    public func push(body: String, model: String) async throws {
        _ = try await http.send("PUT", try groupURL(model: model), body: Data(body.utf8), contentType: Self.textFormat)
    }

    /// Records a failed run: POSTs only `drift_job_last_failure_timestamp_seconds`
    /// (``renderFailureMetrics(at:)``), leaving the last success's metrics in place.
    ///
    /// - Parameters:
    ///   - model: The model name.
    ///   - date: When the run failed.
    /// - Throws: ``DeliveryError``.
    /// - Complexity: at most `retryPolicy.attempts` requests.
    public func pushFailure(model: String, at date: Date) async throws {
        let body = renderFailureMetrics(at: date)
        _ = try await http.send("POST", try groupURL(model: model), body: Data(body.utf8), contentType: Self.textFormat)
    }

    /// Deletes the model's group (the gateway answers 202 even when the group does not exist).
    ///
    /// - Parameter model: The model name.
    /// - Throws: ``DeliveryError``.
    /// - Complexity: at most `retryPolicy.attempts` requests.
    package func deleteGroup(model: String) async throws {
        _ = try await http.send("DELETE", try groupURL(model: model), body: nil, contentType: nil)
    }

    private static let textFormat = "text/plain; version=0.0.4; charset=utf-8"

    private var http: HTTPDelivery { HTTPDelivery(timeout: configuration.timeout, retry: retryPolicy) }
}
