import DriftMonitor
import Foundation
import Testing

/// Timeouts and retries of ``HTTPDelivery`` through the public clients, against listeners on
/// 127.0.0.1 that refuse, answer 5xx or never answer (the real servers cannot be made to).
@Suite("HTTP retries and timeouts")
struct RetryBehaviourTests {
    static let fast = RetryPolicy(attempts: 3, initialBackoff: 0.05)

    @Test("a closed port is retried, then reported as connection refused with the URL")
    func connectionRefused() async throws {
        let port = try LoopbackServer.closedPort()
        let url = URL(string: "http://127.0.0.1:\(port)")!
        let client = PushgatewayClient(configuration: PushgatewayConfiguration(url: url, job: "dw", timeout: 2), retryPolicy: Self.fast)
        let started = Date()
        let error = await #expect(throws: DeliveryError.self) { try await client.push(Runs.mixed(model: "m")) }
        guard case .transport(let method, let target, let message, let attempts)? = error else {
            Issue.record("expected a transport error, got \(String(describing: error))"); return
        }
        #expect(method == "PUT")
        #expect(target == "http://127.0.0.1:\(port)/metrics/job/dw/model/m")
        #expect(attempts == 3)
        #expect(message.contains("connection refused"), "\(message)")
        #expect(Date().timeIntervalSince(started) >= 0.15)  // backoff 0.05 + 0.1
        #expect(error?.description.contains("127.0.0.1:\(port)") == true)
    }

    @Test("5xx answers are retried up to the policy's attempts, and the last answer is reported")
    func serverErrors() async throws {
        let server = try LoopbackServer(response: "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 13\r\nConnection: close\r\n\r\nbusy, later\r\n")
        defer { server.stop() }
        let client = AlertmanagerClient(configuration: AlertmanagerConfiguration(url: server.url), retryPolicy: Self.fast)
        let alert = Alert(labels: ["alertname": "X"], startsAt: Date(), endsAt: Date().addingTimeInterval(60))
        let error = await #expect(throws: DeliveryError.self) { try await client.post([alert]) }
        guard case .httpStatus(_, _, let status, let body, let attempts)? = error else {
            Issue.record("expected an HTTP error, got \(String(describing: error))"); return
        }
        #expect(status == 503)
        #expect(body.contains("busy, later"))
        #expect(attempts == 3)
        #expect(server.connections == 3)
    }

    @Test("4xx answers are not retried")
    func clientErrors() async throws {
        let server = try LoopbackServer(response: "HTTP/1.1 404 Not Found\r\nContent-Length: 19\r\nConnection: close\r\n\r\n404 page not found\n")
        defer { server.stop() }
        let client = PushgatewayClient(configuration: PushgatewayConfiguration(url: server.url), retryPolicy: Self.fast)
        let error = await #expect(throws: DeliveryError.self) { try await client.pushFailure(model: "m", at: Date()) }
        #expect(error?.attempts == 1)
        #expect(server.connections == 1)
        #expect(error?.description.contains("HTTP 404") == true)
        #expect(error?.description.contains("404 page not found") == true)
    }

    @Test("a server that never answers times out per attempt (sub-second timeouts round up to 1 s)")
    func timeout() async throws {
        let server = try LoopbackServer(response: nil)
        defer { server.stop() }
        let client = PushgatewayClient(
            configuration: PushgatewayConfiguration(url: server.url, timeout: 0.4),
            retryPolicy: RetryPolicy(attempts: 2, initialBackoff: 0.01))
        let started = Date()
        let error = await #expect(throws: DeliveryError.self) { try await client.deleteGroup(model: "m") }
        let elapsed = Date().timeIntervalSince(started)
        guard case .transport(_, _, let message, let attempts)? = error else {
            Issue.record("expected a transport error, got \(String(describing: error))"); return
        }
        #expect(attempts == 2)
        #expect(message.contains("timed out"), "\(message)")
        // Two attempts of at least 1 s each. No upper bound beyond "it returned": wall-clock
        // limits in unit tests fail on a loaded CI machine (a 10.6 s run was seen under load).
        #expect(elapsed >= 1.9, "\(elapsed) s")
    }
}
