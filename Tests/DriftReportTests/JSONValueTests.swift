import DriftReport
import Foundation
import Testing

@Suite("JSONValue")
struct JSONValueTests {
    @Test("non-finite doubles render as null, never as bare tokens")
    func nonFinite() {
        #expect(JSONValue.array([.double(.nan), .double(.infinity), .double(-.infinity)]).rendered() == "[null,null,null]")
    }

    @Test("strings are escaped")
    func escaping() {
        let text = JSONValue.string("a \"quoted\" \\ back\nslash\t\u{01}é").rendered()
        #expect(text == #""a \"quoted\" \\ back\nslash\t\u0001é""#)
        let decoded = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? String
        #expect(decoded == "a \"quoted\" \\ back\nslash\t\u{01}é")
    }

    @Test("object keys keep their order")
    func keyOrder() {
        let json = JSONValue.object([("z", .int(1)), ("a", .bool(false)), ("m", .null)])
        #expect(json.rendered() == #"{"z": 1, "a": false, "m": null}"#)
    }

    @Test("doubles round-trip bit for bit, including extremes")
    func roundTrip() throws {
        let values: [Double] = [0.1, 1.0 / 3.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
                                -0.0, 1e-5, 123456789.123456789, 3.7834211209085014e-18]
        let text = JSONValue.array(values.map(JSONValue.double)).rendered()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [NSNumber])
        for (value, number) in zip(values, parsed) {
            #expect(Double(number.description) == value || number.doubleValue == value, "\(value) -> \(number)")
        }
        for value in values {
            #expect(Double(JSONValue.double(value).rendered())?.bitPattern == value.bitPattern)
        }
    }

    @Test("pretty output indents nested containers and stays valid JSON")
    func pretty() throws {
        let json = JSONValue.object([("a", .array([.int(1), .object([("b", .string("c"))])])), ("e", .array([]))])
        let text = json.rendered(indent: 2)
        #expect(text.contains("\n  \"a\": [\n    1,"))
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
    }
}
