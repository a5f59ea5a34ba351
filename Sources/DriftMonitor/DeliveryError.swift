import Foundation

/// Why delivering a run's metrics or alerts failed. Each description is one line naming the
/// request, the URL and what went wrong, so the CLI can print it as is.
///
/// ```swift
/// do { try await PushgatewayClient(configuration: config).push(run) }
/// catch let error as DeliveryError { print("driftwatch: \(error)") }
/// // driftwatch: PUT http://127.0.0.1:9091/metrics/job/driftwatch/model/churn: HTTP 400 after 1 attempt: text format parsing error in line 3: ...
/// ```
public enum DeliveryError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The server answered with a non-2xx status. 4xx answers are not retried; 5xx answers are,
    /// and this is the last one.
    case httpStatus(method: String, url: String, status: Int, body: String, attempts: Int)
    /// The request never got an HTTP answer (connection refused, timeout, DNS, TLS…), after
    /// every attempt the ``RetryPolicy`` allowed.
    case transport(method: String, url: String, message: String, attempts: Int)
    /// The delivery settings or the data cannot form a request (an empty job name, a base URL
    /// without a scheme, an alert that cannot be encoded).
    case invalidRequest(String)

    /// The number of attempts made (0 when no request was sent).
    ///
    /// - Complexity: O(1).
    public var attempts: Int {
        switch self {
        case .httpStatus(_, _, _, _, let attempts), .transport(_, _, _, let attempts): attempts
        case .invalidRequest: 0
        }
    }

    /// One line: method, URL, status or cause, attempts, and the server's (shortened) answer.
    ///
    /// - Complexity: O(length of the server's answer), capped at 500 characters.
    public var description: String {
        switch self {
        case let .httpStatus(method, url, status, body, attempts):
            let answer = Self.oneLine(body)
            return "\(method) \(url): HTTP \(status) after \(Self.count(attempts))"
                + (answer.isEmpty ? " (empty response body)" : ": \(answer)")
        case let .transport(method, url, message, attempts):
            return "\(method) \(url): no HTTP response after \(Self.count(attempts)): \(Self.oneLine(message))"
        case let .invalidRequest(message):
            return "cannot build the delivery request: \(Self.oneLine(message))"
        }
    }

    /// The same line as ``description``, for `localizedDescription`.
    public var errorDescription: String? { description }

    private static func count(_ attempts: Int) -> String { attempts == 1 ? "1 attempt" : "\(attempts) attempts" }

    /// Collapses whitespace runs (newlines included) to single spaces and caps the length.
    static func oneLine(_ text: String, limit: Int = 500) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let joined = words.joined(separator: " ")
        return joined.count <= limit ? joined : String(joined.prefix(limit)) + "…"
    }
}
