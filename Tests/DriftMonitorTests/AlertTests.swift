import DriftMonitor
import Foundation
import Testing

@Suite("Alert")
struct AlertTests {
    @Test("encodes API v2 JSON: string maps, RFC 3339 UTC times, generatorURL only when set")
    func encoding() throws {
        let alert = Alert(
            labels: ["alertname": "FeatureDrift", "feature": "age"], annotations: ["summary": "s"],
            startsAt: Date(timeIntervalSince1970: 1_717_200_000.25), endsAt: Date(timeIntervalSince1970: 1_717_207_200),
            generatorURL: "http://127.0.0.1/runs/1")
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(alert)) as? [String: Any])
        #expect(object["labels"] as? [String: String] == ["alertname": "FeatureDrift", "feature": "age"])
        #expect(object["annotations"] as? [String: String] == ["summary": "s"])
        #expect(object["startsAt"] as? String == "2024-06-01T00:00:00.250Z")
        #expect(object["endsAt"] as? String == "2024-06-01T02:00:00.000Z")
        #expect(object["generatorURL"] as? String == "http://127.0.0.1/runs/1")
        let bare = Alert(labels: ["a": "b"], startsAt: Date(), endsAt: Date())
        let bareObject = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(bare)) as? [String: Any])
        #expect(bareObject["generatorURL"] == nil)
    }

    @Test("decodes Alertmanager's answer: nanosecond fractions, offsets, extra fields")
    func decoding() throws {
        let json = #"""
        [{"labels":{"alertname":"X"},"annotations":{},"startsAt":"2024-06-01T00:00:00.123456789Z",
          "endsAt":"2024-06-01T03:00:00+01:00","fingerprint":"abc","status":{"state":"active"}},
         {"labels":{"alertname":"Y"},"startsAt":"2024-06-01T00:00:00Z","endsAt":"2024-06-01T00:00:01Z"}]
        """#
        let alerts = try JSONDecoder().decode([Alert].self, from: Data(json.utf8))
        #expect(alerts.count == 2)
        #expect(abs(alerts[0].startsAt.timeIntervalSince1970 - 1_717_200_000.123456789) < 1e-6)
        #expect(alerts[0].endsAt == Date(timeIntervalSince1970: 1_717_207_200))
        #expect(alerts[1].annotations.isEmpty)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Alert.self, from: Data(#"{"labels":{},"startsAt":"yesterday","endsAt":"x"}"#.utf8))
        }
    }

    @Test("round trip keeps millisecond times")
    func roundTrip() throws {
        let alert = Alert(labels: ["a": "b"], annotations: ["c": "d"], startsAt: Date(timeIntervalSince1970: 1_700_000_000.5),
                          endsAt: Date(timeIntervalSince1970: 1_700_000_100), generatorURL: nil)
        #expect(try JSONDecoder().decode(Alert.self, from: JSONEncoder().encode(alert)) == alert)
        #expect(alert.isResolved(at: Date(timeIntervalSince1970: 1_700_000_100)))
        #expect(!alert.isResolved(at: Date(timeIntervalSince1970: 1_700_000_099)))
    }
}
