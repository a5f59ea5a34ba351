import Foundation

/// Where and how a run's metrics are pushed (the `pushgateway:` block of the job's YAML).
///
/// ```yaml
/// pushgateway:
///   url: http://127.0.0.1:9091
///   job: driftwatch
///   timeout: 5s
/// ```
public struct PushgatewayConfiguration: Sendable, Hashable {
    /// The Pushgateway's base URL, e.g. `http://127.0.0.1:9091`.
    public var url: URL
    /// The `job` grouping label. Default `driftwatch`.
    public var job: String = "driftwatch"
    /// Per-request timeout in seconds. Default 5.
    public var timeout: TimeInterval = 5

    /// Creates a configuration for `url`.
    public init(url: URL, job: String = "driftwatch", timeout: TimeInterval = 5) {
        self.url = url
        self.job = job
        self.timeout = timeout
    }
}

/// Where and how drift alerts are sent (the `alertmanager:` block of the job's YAML).
///
/// ```yaml
/// alertmanager:
///   url: http://127.0.0.1:9093
///   runbook_url: https://runbooks.example.com/drift/{model}/{feature}
///   severity: warning
/// ```
public struct AlertmanagerConfiguration: Sendable, Hashable {
    /// The Alertmanager's base URL, e.g. `http://127.0.0.1:9093`.
    public var url: URL
    /// Runbook link template; `{model}` and `{feature}` are replaced (percent-encoded).
    public var runbookURL: String?
    /// The `severity` label of feature alerts. Default `warning`.
    public var severity: String = "warning"
    /// The `severity` label of the job-level alert when the job cannot read its inputs. Default `critical`.
    public var jobFailureSeverity: String = "critical"
    /// Per-request timeout in seconds. Default 5.
    public var timeout: TimeInterval = 5
    /// How long a firing alert stays active without being re-sent (its `endsAt`), in seconds.
    /// Default 2 hours, so an hourly job that stops reporting lets its alerts resolve.
    public var resolveAfter: TimeInterval = 7_200
    /// The `generatorURL` of every alert (a link to, say, the job's dashboard); omitted when nil.
    public var generatorURL: URL?

    /// Creates a configuration for `url`.
    public init(url: URL, runbookURL: String? = nil, severity: String = "warning") {
        self.url = url
        self.runbookURL = runbookURL
        self.severity = severity
    }
}

/// Bounded retries with exponential backoff for the HTTP deliveries.
///
/// ```yaml
/// retries: {attempts: 3, backoff: 500ms}
/// ```
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all (1 = no retry). Default 3.
    public var attempts: Int = 3
    /// Delay before the first retry, in seconds; doubled for each further retry. Default 0.5.
    public var initialBackoff: TimeInterval = 0.5

    /// The defaults: 3 attempts, 0.5 s then 1 s.
    public init(attempts: Int = 3, initialBackoff: TimeInterval = 0.5) {
        self.attempts = attempts
        self.initialBackoff = initialBackoff
    }
}
