import Foundation

/// Posts alerts to an Alertmanager's API v2 (`POST <url>/api/v2/alerts`, a JSON array).
///
/// Same delivery rules as ``PushgatewayClient``: the configuration's timeout per request,
/// retries with exponential backoff on connection errors and 5xx answers, no retry on 4xx
/// (Alertmanager answers 400/422 with the reason, which the ``DeliveryError`` carries).
///
/// ```swift
/// let client = AlertmanagerClient(configuration: AlertmanagerConfiguration(url: URL(string: "http://127.0.0.1:9093")!))
/// try await client.post(driftAlerts(for: run, previouslyDrifted: [:], configuration: client.configuration, now: Date()))
/// ```
public struct AlertmanagerClient: Sendable {
    /// The `alertmanager:` settings (URL and timeout are used here).
    public let configuration: AlertmanagerConfiguration
    /// Retries on connection errors and 5xx answers.
    public let retryPolicy: RetryPolicy

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - configuration: The `alertmanager:` settings.
    ///   - retryPolicy: Attempts and backoff; default 3 attempts, 0.5 s then 1 s.
    /// - Complexity: O(1).
    public init(configuration: AlertmanagerConfiguration, retryPolicy: RetryPolicy = RetryPolicy()) {
        self.configuration = configuration
        self.retryPolicy = retryPolicy
    }

    /// The endpoint alerts are posted to: `<url>/api/v2/alerts`.
    ///
    /// - Returns: The URL.
    /// - Throws: ``DeliveryError/invalidRequest(_:)`` when the base URL is not http(s).
    /// - Complexity: O(length of the URL).
    public func alertsURL() throws -> URL {
        try PushgatewayGroup.join(configuration.url, "/api/v2/alerts")
    }

    /// Posts `alerts` in one request; does nothing for an empty array.
    ///
    /// - Parameter alerts: Firing and resolving alerts.
    /// - Throws: ``DeliveryError`` naming the URL, the status and Alertmanager's answer.
    /// - Complexity: O(total size of the alerts) to encode, plus at most `retryPolicy.attempts` requests.
    public func post(_ alerts: [Alert]) async throws {
        guard !alerts.isEmpty else { return }
        let url = try alertsURL()
        let body: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            body = try encoder.encode(alerts)
        } catch {
            throw DeliveryError.invalidRequest("cannot encode \(alerts.count) alerts as JSON: \(error)")
        }
        _ = try await HTTPDelivery(timeout: configuration.timeout, retry: retryPolicy)
            .send("POST", url, body: body, contentType: "application/json")
    }
}
