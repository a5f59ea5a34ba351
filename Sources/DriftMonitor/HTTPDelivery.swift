import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// Why URLSession (FoundationNetworking, libcurl underneath) and not AsyncHTTPClient:
// the job sends at most three small requests per hour to servers on a trusted network, so
// connection pooling, HTTP/2 and streaming bodies buy nothing; URLSession ships with the
// toolchain and adds no build time, while AsyncHTTPClient brings NIO, NIO-SSL/BoringSSL,
// swift-crypto and http2 (about 160 s more of clean build on CI's 2 cores, per
// shared/notes/swift-packages.md) and its own event-loop lifecycle to shut down. Everything
// here (timeouts, retries, backoff, error text) is ours either way.

/// Sends one HTTP request with the delivery rules shared by the Pushgateway and Alertmanager
/// clients: a per-request timeout, bounded retries with exponential backoff on transport
/// errors and 5xx answers (never on 4xx), and one-line ``DeliveryError``s.
struct HTTPDelivery: Sendable {
    /// Seconds before a request is abandoned (connect + send + answer); see ``effectiveTimeout``.
    let timeout: TimeInterval
    /// How often and how patiently to retry.
    let retry: RetryPolicy

    /// What the server answered.
    struct Response: Sendable {
        let status: Int
        let body: String
    }

    /// Sends `body` with `method` to `url` and returns the 2xx response.
    ///
    /// - Throws: ``DeliveryError/httpStatus(method:url:status:body:attempts:)`` for a non-2xx
    ///   answer (after retries for 5xx), ``DeliveryError/transport(method:url:message:attempts:)``
    ///   when no answer came after every attempt; `CancellationError` when the task is cancelled
    ///   while waiting to retry.
    /// - Complexity: at most `retry.attempts` requests; sleeps at most
    ///   `initialBackoff × (2^(attempts−1) − 1)` seconds in all.
    func send(_ method: String, _ url: URL, body: Data?, contentType: String?) async throws -> Response {
        let attempts = max(1, retry.attempts)
        var backoff = max(0, retry.initialBackoff)
        var attempt = 0
        while true {
            attempt += 1
            let outcome = await once(method, url, body: body, contentType: contentType)
            switch outcome {
            case .success(let response) where (200..<300).contains(response.status):
                return response
            case .success(let response):
                let error = DeliveryError.httpStatus(
                    method: method, url: url.absoluteString, status: response.status, body: response.body,
                    attempts: attempt)
                guard Self.isRetryable(status: response.status), attempt < attempts else { throw error }
            case .failure(let failure):
                guard Self.isRetryable(failure), attempt < attempts else {
                    throw DeliveryError.transport(
                        method: method, url: url.absoluteString, message: Self.describe(failure), attempts: attempt)
                }
            }
            // A cancelled task stops retrying (Task.sleep throws CancellationError).
            if backoff > 0 { try await Task.sleep(nanoseconds: UInt64(min(backoff, 60) * 1_000_000_000)) }
            backoff *= 2
        }
    }

    /// 5xx answers may be transient (a restarting server, an overloaded proxy); 4xx answers say
    /// the request itself is wrong and would fail again.
    static func isRetryable(status: Int) -> Bool { (500..<600).contains(status) }

    /// Transport failures are retried, except those that no retry can fix.
    static func isRetryable(_ error: any Error) -> Bool {
        guard let urlError = error as? URLError else { return true }
        switch urlError.code {
        case .badURL, .unsupportedURL, .cancelled, .userAuthenticationRequired, .dataLengthExceedsMaximum:
            return false
        default:
            return true
        }
    }

    private static func describe(_ error: any Error) -> String {
        guard let urlError = error as? URLError else { return String(describing: error) }
        let reason: String
        switch urlError.code {
        case .cannotConnectToHost: reason = "connection refused"
        case .timedOut: reason = "timed out"
        case .cannotFindHost: reason = "host not found"
        case .networkConnectionLost: reason = "connection lost"
        case .notConnectedToInternet: reason = "network unreachable"
        default: reason = "URL error \(urlError.code.rawValue)"
        }
        return "\(reason) (\(urlError.localizedDescription))"
    }

    /// The timeout URLSession is given: FoundationNetworking on Linux truncates it to whole
    /// seconds (0.5 s became an immediate "timed out" in our tests), so round up, at least 1 s.
    var effectiveTimeout: TimeInterval {
        guard timeout.isFinite, timeout > 0 else { return 1 }
        return max(1, min(timeout.rounded(.up), 86_400))
    }

    private func once(_ method: String, _ url: URL, body: Data?, contentType: String?) async -> Result<Response, any Error> {
        let timeout = effectiveTimeout
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        request.httpBody = body
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.urlCache = nil
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        do {
            let (data, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else {
                return .failure(URLError(.badServerResponse))
            }
            return .success(Response(status: http.statusCode, body: String(decoding: data, as: UTF8.self)))
        } catch {
            return .failure(error)
        }
    }
}
