import DriftMonitor
import Foundation
import Testing

@Suite("PushgatewayGroup")
struct PushgatewayGroupTests {
    @Test("plain values go into the path as they are")
    func plain() throws {
        #expect(try PushgatewayGroup(job: "driftwatch", model: "churn_v2.1-eu~x").path
            == "/metrics/job/driftwatch/model/churn_v2.1-eu~x")
    }

    @Test("values with '/', spaces, non-ASCII, dots-only or empty are base64url-encoded", arguments: [
        ("eu/churn", "/metrics/job/dw/model@base64/ZXUvY2h1cm4"),
        ("a b", "/metrics/job/dw/model@base64/YSBi"),
        ("über", "/metrics/job/dw/model@base64/w7xiZXI"),
        ("..", "/metrics/job/dw/model@base64/Li4"),
        ("", "/metrics/job/dw/model@base64/="),
        ("??>", "/metrics/job/dw/model@base64/Pz8-"),
    ])
    func encoded(model: String, path: String) throws {
        #expect(try PushgatewayGroup(job: "dw", model: model).path == path)
    }

    @Test("an empty job is refused")
    func emptyJob() {
        #expect(throws: DeliveryError.self) { try PushgatewayGroup(job: "", model: "m") }
    }

    @Test("the URL keeps a base path prefix and drops trailing slashes; non-http URLs are refused")
    func url() throws {
        let group = try PushgatewayGroup(job: "dw", model: "m")
        #expect(try group.url(under: URL(string: "http://127.0.0.1:9091/")!).absoluteString
            == "http://127.0.0.1:9091/metrics/job/dw/model/m")
        #expect(try group.url(under: URL(string: "https://gw.example/push//")!).absoluteString
            == "https://gw.example/push/metrics/job/dw/model/m")
        #expect(throws: DeliveryError.self) { try group.url(under: URL(string: "ftp://127.0.0.1")!) }
        #expect(throws: DeliveryError.self) { try group.url(under: URL(fileURLWithPath: "/tmp/x")) }
    }
}
