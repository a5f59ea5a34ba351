import DriftMultivariate
import DriftProfiles
import DriftReport
import DriftStatistics
import DriftTables
import DriftTestSupport
import Foundation
import Testing

@Suite("Multivariate part of the comparison")
struct MultivariateReportTests {
    func churn(_ production: String, options: ComparisonOptions = ComparisonOptions()) throws -> ComparisonReport {
        try compareTables(
            reference: try CSVTable.load(path: fixturePath("churn/reference.csv")),
            production: try CSVTable.load(path: fixturePath("churn/\(production)")), options: options)
    }

    // MARK: Edge cases

    @Test("switched off: no multivariate member, no line")
    func switchedOff() throws {
        var options = ComparisonOptions()
        options.multivariate = nil
        let report = try churn("production-drifted.csv", options: options)
        #expect(report.multivariate == nil)
        #expect(!report.json().rendered().contains("multivariate"))
        #expect(!report.table().contains("multivariate"))
    }

    @Test("columns read without row tracking: a one-line error in place of the member")
    func untrackedColumns() throws {
        let reference = try CSVTable.load(path: fixturePath("churn/reference.csv"))
        let production = try CSVTable.load(path: fixturePath("churn/production-clean.csv"))
        let report = try compareColumns(reference: reference.columns, production: production.columns)
        let json = try #require(report.multivariate?.json())
        #expect(json == .object([("error", .string("reference: no rows for the multivariate tests (a column was read without row tracking)"))]))
        #expect(report.table().contains("multivariate: not run: reference: no rows for the multivariate tests"))
    }

    @Test("invalid multivariate options are rejected up front")
    func invalidOptions() throws {
        var options = ComparisonOptions()
        options.multivariate?.permutations = 0
        #expect(throws: StatisticsError.invalidArgument(name: "multivariate", reason: "permutations: 0 is below 1")) {
            try churn("production-clean.csv", options: options)
        }
    }

    @Test("a profile without a multivariate reference says why")
    func profileWithoutReference() throws {
        var settings = ProfileSettings()
        settings.multivariate = false
        let profile = try ProfileBuilder.fromCSV(path: fixturePath("churn/reference.csv"), model: "churn", settings: settings)
        let production = try CSVTable.load(
            path: fixturePath("churn/production-clean.csv"), kinds: profile.kinds, trackRows: Set(profile.features.map(\.name)))
        let report = try compareProfile(profile, production: production.columns)
        guard case .unavailable(let reason) = report.multivariate?.testResult else {
            Issue.record("expected unavailable, got \(String(describing: report.multivariate))")
            return
        }
        #expect(reason == "profile churn v0: \(ReferenceProfile.multivariateDisabled)")
    }

    // MARK: The documented shape

    @Test("JSON: the documented keys, the drifted churn hour drifts and the clean one does not")
    func jsonShapeAndVerdicts() throws {
        for (file, drifted) in [("production-drifted.csv", true), ("production-clean.csv", false)] {
            let text = try churn(file).json().rendered(indent: 2)
            let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let multivariate = try #require(root["multivariate"] as? [String: Any])
            #expect(Set(multivariate.keys) == ["features", "encoded_columns", "rows", "dropped_rows", "mmd", "pca_reconstruction", "drifted"])
            let mmd = try #require(multivariate["mmd"] as? [String: Any])
            #expect(Set(mmd.keys) == ["statistic", "p_value", "permutations", "bandwidth", "drifted"])
            let pca = try #require(multivariate["pca_reconstruction"] as? [String: Any])
            #expect(Set(pca.keys) == ["error", "lower", "upper", "components", "reference_error", "drifted"])
            #expect((multivariate["features"] as? [String])?.count == 10)
            // 10 features: 7 numeric + 3 categorical one-hot encoded with an __other__ column each.
            #expect(multivariate["encoded_columns"] as? Int == 19)
            #expect(mmd["permutations"] as? Int == 100)
            #expect(multivariate["drifted"] as? Bool == drifted, "\(file)")
            #expect(mmd["drifted"] as? Bool == drifted, "\(file): mmd p \(mmd["p_value"] ?? "?")")
            #expect(pca["drifted"] as? Bool == drifted, "\(file)")
            // Rows with a missing value are left out and counted, never silently.
            let rows = try #require(multivariate["rows"] as? [String: Int])
            let dropped = try #require(multivariate["dropped_rows"] as? [String: Int])
            #expect(rows["reference"] == 2_000)
            #expect((rows["production"] ?? 0) + (dropped["production"] ?? 0) == 1_000)
            #expect((dropped["reference"] ?? 0) > 0)
        }
    }

    @Test("the table shows both tests and the verdicts")
    func tableLines() throws {
        let table = try churn("production-drifted.csv").table()
        #expect(table.contains("multivariate (10 features, 19 encoded columns; rows 2000 reference"))
        #expect(table.contains("  mmd                 MMD² "))
        #expect(table.contains("  pca_reconstruction  error "))
        #expect(table.components(separatedBy: "DRIFT").count - 1 >= 6)   // 4 features + 2 tests
    }

    // MARK: The issue's acceptance case, end to end through CSV files

    /// Production is the reference's columns shuffled one by one: every feature's values are
    /// exactly the reference's (KS statistic 0), only the correlations are gone.
    @Test("a correlation-only shift: every KS p is 1, MMD p < 0.01 and the error leaves the band")
    func correlationOnlyShift() throws {
        var generator = SplitMix64(seed: 77)
        func normal() -> Double {
            (-2 * log(generator.nextOpenUnit())).squareRoot() * cos(2 * .pi * generator.nextOpenUnit())
        }
        var rows: [[Double]] = []
        for _ in 0..<1_500 {
            let base = normal()
            rows.append((0..<4).map { _ in 0.9 * base + 0.43 * normal() })
        }
        var shuffled = rows
        for column in 0..<4 {
            var values = rows.map { $0[column] }
            values.shuffle(using: &generator)
            for row in shuffled.indices { shuffled[row][column] = values[row] }
        }
        func csv(_ rows: [[Double]]) -> String {
            "a,b,c,d\n" + rows.map { $0.map { "\($0)" }.joined(separator: ",") }.joined(separator: "\n") + "\n"
        }
        let report = try compareTables(
            reference: try CSVTable.load(path: try temporaryFile(csv(rows))),
            production: try CSVTable.load(path: try temporaryFile(csv(shuffled))))
        for feature in report.features {
            #expect((feature.kolmogorovSmirnov?.value?.pValue ?? 0) > 0.05, "\(feature.name)")
            #expect(!feature.drifted)
        }
        let multivariate = try #require(report.multivariate)
        #expect((multivariate.mmd?.pValue ?? 1) < 0.01)
        #expect(multivariate.reconstructionDrifted)
        #expect(multivariate.drifted)
    }
}
