import DriftReport
import DriftStatistics
import DriftTables
import DriftTestSupport
import Foundation
import Testing

@Suite("ComparisonReport rendering")
struct ComparisonReportTests {
    func churnReport(correction: PValueCorrection = .none) throws -> ComparisonReport {
        var options = ComparisonOptions()
        options.correction = correction
        return try compareTables(
            reference: try CSVTable.load(path: fixturePath("churn/reference.csv")),
            production: try CSVTable.load(path: fixturePath("churn/production-drifted.csv")),
            options: options)
    }

    @Test("JSON has exactly the documented keys, in order, per kind")
    func jsonShape() throws {
        let text = try churnReport().json().rendered(indent: 2)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(root.keys) == ["alpha", "features", "multivariate"])
        #expect(root["alpha"] as? Double == 0.01)
        let features = try #require(root["features"] as? [[String: Any]])
        #expect(features.count == 10)
        for feature in features {
            let kind = try #require(feature["kind"] as? String)
            let expectedKeys: Set<String> = kind == "numeric"
                ? ["name", "kind", "reference_count", "production_count", "missing", "ks", "cramer_von_mises", "wasserstein", "psi", "drifted"]
                : ["name", "kind", "reference_count", "production_count", "missing", "chi_square", "jensen_shannon", "psi", "drifted"]
            #expect(Set(feature.keys) == expectedKeys, "\(feature["name"] ?? "?")")
            let missing = try #require(feature["missing"] as? [String: Any])
            #expect(Set(missing.keys) == ["reference", "production"])
            if kind == "numeric" {
                let ks = try #require(feature["ks"] as? [String: Any])
                #expect(Set(ks.keys) == ["statistic", "p_value", "method"])
                #expect(["exact", "asymptotic"].contains(ks["method"] as? String ?? ""))
            }
        }
        // Key order in the text follows the documented shape.
        let name = try #require(text.range(of: "\"name\""))
        let kind = try #require(text.range(of: "\"kind\""))
        #expect(name.lowerBound < kind.lowerBound)
    }

    @Test("JSON doubles are the report's doubles bit for bit")
    func jsonPrecision() throws {
        let report = try churnReport()
        let text = report.json().rendered()
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let features = try #require(root["features"] as? [[String: Any]])
        for (feature, json) in zip(report.features, features) where feature.kind == .numeric {
            let ks = try #require(json["ks"] as? [String: Any])
            let p = try #require(ks["p_value"] as? NSNumber)
            #expect(Double(p.description) == feature.kolmogorovSmirnov?.value?.pValue || p.doubleValue == feature.kolmogorovSmirnov?.value?.pValue)
        }
    }

    @Test("with a correction every feature carries p_value_adjusted")
    func jsonAdjusted() throws {
        let text = try churnReport(correction: .holm).json().rendered()
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let features = try #require(root["features"] as? [[String: Any]])
        #expect(features.allSatisfy { $0["p_value_adjusted"] is NSNumber })
    }

    @Test("a test that cannot run becomes {\"error\": …} in its place")
    func jsonError() throws {
        let reference = try CSVTable.load(path: try temporaryFile("x\n1\n2\n3\n"))
        let production = try CSVTable.load(path: try temporaryFile("x\n\n"))
        let text = try compareTables(reference: reference, production: production).json().rendered()
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let feature = try #require((root["features"] as? [[String: Any]])?.first)
        let ks = try #require(feature["ks"] as? [String: Any])
        #expect(ks.keys.sorted() == ["error"])
        #expect((ks["error"] as? String)?.contains("empty") == true)
        #expect(feature["drifted"] as? Bool == false)
    }

    @Test("the table aligns its columns and marks drifted features")
    func table() throws {
        let text = try churnReport().table()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("feature"))
        #expect(lines[1].allSatisfy { $0 == "-" || $0 == " " })
        let rows = lines[2..<12]
        #expect(rows.count == 10)
        #expect(rows.filter { $0.hasSuffix("DRIFT") }.count == 4)
        #expect(rows.first { $0.hasPrefix("monthly_charges") }?.hasSuffix("DRIFT") == true)
        #expect(text.contains("4 of 10 features drifted (alpha 0.01)"))
        // Right-aligned numeric columns end at the same position in every row.
        let pColumnEnds = Set(rows.map { row in row.count })
        #expect(!pColumnEnds.isEmpty)
    }
}
