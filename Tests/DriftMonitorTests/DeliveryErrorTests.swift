import DriftMonitor
import Foundation
import Testing

@Suite("DeliveryError")
struct DeliveryErrorTests {
    @Test("HTTP errors are one line with method, URL, status, attempts and the answer")
    func httpStatus() {
        let error = DeliveryError.httpStatus(
            method: "PUT", url: "http://127.0.0.1:9091/metrics/job/dw/model/m", status: 400,
            body: "text format parsing error in line 3:\n  unexpected end of input stream\n", attempts: 1)
        #expect(error.description
            == "PUT http://127.0.0.1:9091/metrics/job/dw/model/m: HTTP 400 after 1 attempt: text format parsing error in line 3: unexpected end of input stream")
        #expect(error.attempts == 1)
        #expect(error.localizedDescription == error.description)
    }

    @Test("an empty answer says so; a long one is cut")
    func bodies() {
        let empty = DeliveryError.httpStatus(method: "POST", url: "http://h/x", status: 503, body: "", attempts: 3)
        #expect(empty.description == "POST http://h/x: HTTP 503 after 3 attempts (empty response body)")
        let long = DeliveryError.httpStatus(method: "POST", url: "http://h/x", status: 500, body: String(repeating: "x", count: 2000), attempts: 1)
        #expect(long.description.count < 600)
        #expect(!long.description.contains("\n"))
    }

    @Test("transport errors name the cause and the attempts")
    func transport() {
        let error = DeliveryError.transport(method: "PUT", url: "http://127.0.0.1:1/metrics", message: "connection refused", attempts: 3)
        #expect(error.description == "PUT http://127.0.0.1:1/metrics: no HTTP response after 3 attempts: connection refused")
        #expect(DeliveryError.invalidRequest("x").attempts == 0)
    }
}
