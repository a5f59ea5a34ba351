import DriftReport
import DriftTables
import DriftTestSupport
import Foundation
import Testing

/// README's library example for `DriftReport`, line for line, on the churn fixtures.
@Suite("README example")
struct ReadmeExampleTests {
    @Test("the whole-table comparison example runs and finds the drifted hour's features")
    func wholeTableComparison() throws {
        let reference = try CSVTable.load(path: fixturePath("churn/reference.csv"))
        let production = try CSVTable.load(path: fixturePath("churn/production-drifted.csv"))
        var options = ComparisonOptions()
        options.correction = .holm
        let report = try compareTables(reference: reference, production: production, options: options)
        var lines: [String] = []
        for feature in report.driftedFeatures {
            lines.append("\(feature.name) \(feature.primaryTest) \(feature.pValueAdjusted ?? .nan)")
        }
        for feature in report.features {
            for (test, reason) in feature.failures { lines.append("\(feature.name): \(test) not run: \(reason)") }
        }
        let table = report.table()
        let json = report.json().rendered(indent: 2)

        #expect(Set(report.driftedFeatures.map(\.name)).isSuperset(of: ["monthly_charges", "support_calls"]))
        #expect(lines.count >= 2 && !lines.contains { $0.contains("nan") }, "\(lines)")
        #expect(table.contains("holm correction"))
        #expect(json.contains("\"p_value_adjusted\""))
        // The README shows exactly this code.
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for line in ["let report = try compareTables(reference: reference, production: production, options: options)",
                     "for (test, reason) in feature.failures", "options.correction = .holm"] {
            #expect(readme.contains(line), "README lost: \(line)")
        }
    }
}
