import DriftReport
import DriftStatistics
import DriftTables
import DriftTestSupport
import Foundation
import Testing

@Suite("compareFeatures and compareTables")
struct FeatureComparisonTests {
    @Test("tables with no common column are an error")
    func noCommonColumns() throws {
        let reference = try CSVTable.load(path: try temporaryFile("a,b\n1,2\n"))
        let production = try CSVTable.load(path: try temporaryFile("c\n1\n"))
        #expect(throws: ComparisonError.self) { try compareTables(reference: reference, production: production) }
    }

    @Test("invalid options are an error")
    func invalidOptions() throws {
        let table = try CSVTable.load(path: try temporaryFile("a\n1\n2\n"))
        var options = ComparisonOptions()
        options.alpha = 1.5
        #expect(throws: StatisticsError.self) { try compareTables(reference: table, production: table, options: options) }
    }

    @Test("a column with no production values reports each test's error and the others still run")
    func emptyProductionColumn() throws {
        let reference = try CSVTable.load(path: try temporaryFile("x,y\n1,5\n2,6\n3,7\n4,8\n"))
        let production = try CSVTable.load(path: try temporaryFile("x,y\n,5.5\nNaN,6.5\n,7.5\n"))
        let report = try compareTables(reference: reference, production: production)
        let x = try #require(report.features.first { $0.name == "x" })
        #expect(x.productionCount == 0)
        #expect(x.productionMissing == MissingCounts(empty: 2, notANumber: 1, infinite: 0))
        #expect(x.kolmogorovSmirnov?.failure?.contains("production: sample is empty") == true)
        #expect(x.psi.failure != nil)
        #expect(x.drifted == false)
        let y = try #require(report.features.first { $0.name == "y" })
        #expect(y.kolmogorovSmirnov?.value != nil)
        #expect(y.productionCount == 3)
    }

    @Test("a constant reference column: PSI and the normalized distance fail with a reason, the raw distance, KS and CvM still run")
    func constantReference() throws {
        let reference = try CSVTable.load(path: try temporaryFile("x\n2\n2\n2\n2\n"))
        let production = try CSVTable.load(path: try temporaryFile("x\n-1\n-1\n-1\n"))
        var options = ComparisonOptions()
        options.psiBinning = .uniform
        let report = try compareTables(reference: reference, production: production, options: options)
        let feature = try #require(report.features.first)
        #expect(feature.psi.failure != nil)
        #expect(feature.kolmogorovSmirnov?.value?.statistic == 1)
        #expect(feature.cramerVonMises?.value != nil)
        let wasserstein = try #require(feature.wasserstein?.value)
        #expect(wasserstein.distance == 3)   // scipy.stats.wasserstein_distance([2]*4, [-1]*3)
        #expect(wasserstein.normalized == nil)
        #expect(feature.failures.map(\.test) == ["wasserstein_normalized", "psi"])

        let text = report.json().rendered()
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let json = try #require((root["features"] as? [[String: Any]])?.first?["wasserstein"] as? [String: Any])
        #expect(json["distance"] as? Double == 3)
        #expect(json["normalized"] is NSNull)
        #expect(json["normalized_error"] as? String == "reference is constant (2.0); its standard deviation is 0")
        #expect(text.contains(#""wasserstein": {"distance": 3.0, "normalized": null, "normalized_error": "#))
        let table = report.table()
        #expect(table.contains("3.0000 W"))
        #expect(table.contains("x: wasserstein_normalized: reference is constant (2.0); its standard deviation is 0"))
    }

    @Test("degenerate shapes never take a defined sibling with them", arguments: [
        ("constant production", "x\n1\n2\n3\n4\n", "x\n2\n2\n2\n"),
        ("both constant, equal", "x\n5\n5\n5\n", "x\n5\n5\n"),
        ("both constant, apart", "x\n5\n5\n5\n", "x\n7\n7\n"),
        ("single values", "x\n5\n", "x\n7\n"),
        ("all ties, two levels", "x\n0\n1\n0\n1\n0\n1\n", "x\n1\n1\n0\n1\n"),
    ])
    func degenerateShapes(shape: String, referenceText: String, productionText: String) throws {
        let reference = try CSVTable.load(path: try temporaryFile(referenceText))
        let production = try CSVTable.load(path: try temporaryFile(productionText, name: "production.csv"))
        let feature = try #require(try compareTables(reference: reference, production: production).features.first)
        let referenceValues = reference.columns[0].values
        let productionValues = production.columns[0].values
        // The raw distance is always there, and equals the brute-force ∫|F - G|.
        let wasserstein = try #require(feature.wasserstein?.value, "\(shape): \(feature.failures)")
        #expect(abs(wasserstein.distance - integratedCDFGap(referenceValues, productionValues)) < 1e-12, "\(shape)")
        let referenceConstant = Set(referenceValues).count == 1
        #expect((wasserstein.normalized == nil) == referenceConstant, "\(shape)")
        // KS and CvM run on every shape (two values per side at least for CvM).
        #expect(feature.kolmogorovSmirnov?.value != nil, "\(shape)")
        if referenceValues.count >= 2, productionValues.count >= 2 {
            #expect(feature.cramerVonMises?.value != nil, "\(shape)")
        }
        // PSI fails only where the reference cannot define bins.
        #expect((feature.psi.failure != nil) == referenceConstant, "\(shape)")
    }

    @Test("numbers in one file and text in the other compare as categories on both sides")
    func mixedKinds() throws {
        let reference = try CSVTable.load(path: try temporaryFile("code\n1\n2\n2\n3\n"))
        let production = try CSVTable.load(path: try temporaryFile("code\n1\nB\n2\n"))
        let feature = try #require(try compareTables(reference: reference, production: production).features.first)
        #expect(feature.kind == .categorical)
        let chi = try #require(feature.chiSquare?.value)
        #expect(chi.degreesOfFreedom == 3)   // categories 1, 2, 3, B
        #expect(feature.referenceCount == 4 && feature.productionCount == 3)
    }

    @Test("categories present on one side only are part of the union")
    func categoryUnion() throws {
        let reference = try CSVTable.load(path: try temporaryFile("c\na\na\nb\n"))
        let production = try CSVTable.load(path: try temporaryFile("c\na\nc\nc\n"))
        let feature = try #require(try compareTables(reference: reference, production: production).features.first)
        #expect(feature.chiSquare?.value?.degreesOfFreedom == 2)
        #expect(feature.psi.value?.bins == 3)
    }

    /// Cramér–von Mises on a tied feature against the independent computation: the statistic
    /// from the ECDF definition (exact integers in Python) to 1e-12; the tie-aware asymptotic
    /// p-value (an O(K²) double sum, scipy's series) to 1e-9; a permutation p-value within the
    /// error of both Monte Carlo estimates (Besag–Clifford's h/L has relative error ~ 1/√20).
    func expectTiedCramerVonMises(_ feature: FeatureReport, _ tied: [String: Any]) throws {
        let result = try #require(feature.cramerVonMises?.value, "\(feature.name) cvm")
        #expect(result.hasTies, "\(feature.name)")
        #expect(close(result.statistic, tied["statistic"], relative: 1e-12), "\(feature.name) cvm")
        #expect(result.method.rawValue == tied["method"] as? String, "\(feature.name) cvm method")
        let expected = try #require((tied["p_value"] as? NSNumber)?.doubleValue)
        if result.method == .asymptotic {
            #expect(close(result.pValue, expected, relative: 1e-9, absolute: 1e-14), "\(feature.name) cvm p")
        } else {
            let standardError = (tied["p_value_se"] as? NSNumber)?.doubleValue ?? 0
            let tolerance = 3 * expected / Double(CramerVonMisesMethod.sequentialExceedances).squareRoot()
                + 4 * standardError + 1 / Double(CramerVonMisesMethod.defaultPermutations + 1)
            #expect(abs(result.pValue - expected) <= tolerance, "\(feature.name) cvm p \(result.pValue) vs \(expected)")
        }
    }

    @Test("the churn fixtures match scipy feature by feature (CvM on tied features: the independent check)",
          arguments: ["production-clean", "production-drifted"])
    func churnAgainstScipy(hour: String) throws {
        let tiedCvM = try tiedCramerVonMisesExpectations(hour)
        #expect(tiedCvM.count == 7, "every numeric churn feature has ties")
        let reference = try CSVTable.load(path: fixturePath("churn/reference.csv"))
        let production = try CSVTable.load(path: fixturePath("churn/\(hour).csv"))
        let report = try compareTables(reference: reference, production: production)
        let expected = try scipyExpectations(hour)
        #expect(report.features.count == 10)
        for feature in report.features {
            let scipy = try #require(expected[feature.name], "\(feature.name) missing from scipy expectations")
            #expect(feature.kind.rawValue == scipy["kind"] as? String)
            #expect(feature.referenceCount == scipy["reference_count"] as? Int, "\(feature.name)")
            #expect(feature.productionCount == scipy["production_count"] as? Int, "\(feature.name)")
            let psi = scipy["psi"] as? [String: Any]
            #expect(close(feature.psi.value?.value, psi?["value"], relative: 1e-12, absolute: 1e-14), "\(feature.name) psi")
            #expect(feature.psi.value?.bins == psi?["bins"] as? Int, "\(feature.name) psi bins")
            if feature.kind == .numeric {
                let ks = scipy["ks"] as? [String: Any]
                let cvm = scipy["cramer_von_mises"] as? [String: Any]
                let w = scipy["wasserstein"] as? [String: Any]
                #expect(close(feature.kolmogorovSmirnov?.value?.statistic, ks?["statistic"], relative: 0, absolute: 1e-12), "\(feature.name) ks")
                #expect(closePValue(feature.kolmogorovSmirnov?.value?.pValue, ks?["p_value"]), "\(feature.name) ks p")
                if let tied = tiedCvM[feature.name] {
                    try expectTiedCramerVonMises(feature, tied)
                } else {
                    #expect(close(feature.cramerVonMises?.value?.statistic, cvm?["statistic"], relative: 1e-12), "\(feature.name) cvm")
                    #expect(closePValue(feature.cramerVonMises?.value?.pValue, cvm?["p_value"]), "\(feature.name) cvm p")
                }
                #expect(close(feature.wasserstein?.value?.distance, w?["distance"], relative: 1e-12), "\(feature.name) w")
                #expect(close(feature.wasserstein?.value?.normalized, w?["normalized"], relative: 1e-12), "\(feature.name) w norm")
            } else {
                let chi = scipy["chi_square"] as? [String: Any]
                let js = scipy["jensen_shannon"] as? [String: Any]
                #expect(close(feature.chiSquare?.value?.statistic, chi?["statistic"], relative: 1e-12), "\(feature.name) chi2")
                #expect(closePValue(feature.chiSquare?.value?.pValue, chi?["p_value"]), "\(feature.name) chi2 p")
                #expect(feature.chiSquare?.value?.degreesOfFreedom == chi?["dof"] as? Int)
                #expect(close(feature.jensenShannon?.value, js?["distance"], relative: 1e-10, absolute: 1e-12), "\(feature.name) js")
            }
        }
    }

    @Test("drift verdicts on the churn fixtures: none in the clean hour, the shifted features in the drifted one")
    func churnVerdicts() throws {
        let reference = try CSVTable.load(path: fixturePath("churn/reference.csv"))
        let clean = try compareTables(reference: reference, production: try CSVTable.load(path: fixturePath("churn/production-clean.csv")))
        #expect(clean.driftedFeatures.isEmpty)
        let drifted = try compareTables(reference: reference, production: try CSVTable.load(path: fixturePath("churn/production-drifted.csv")))
        #expect(Set(drifted.driftedFeatures.map(\.name)) == ["monthly_charges", "total_charges", "support_calls", "contract"])
    }

    @Test("a correction adjusts the primary p-values across features and drift follows the adjusted value")
    func correction() throws {
        let reference = try CSVTable.load(path: fixturePath("churn/reference.csv"))
        let production = try CSVTable.load(path: fixturePath("churn/production-drifted.csv"))
        var options = ComparisonOptions()
        options.correction = .bonferroni
        let report = try compareTables(reference: reference, production: production, options: options)
        for feature in report.features {
            let raw = try #require(feature.primaryPValue)
            let adjusted = try #require(feature.pValueAdjusted)
            #expect(adjusted == min(1, raw * Double(report.features.count)))
            #expect(feature.drifted == (adjusted < options.alpha))
        }
        // total_charges (p = 0.00106) no longer drifts once multiplied by 10 features.
        #expect(report.features.first { $0.name == "total_charges" }?.drifted == false)
    }
}

/// ∫ |F(t) - G(t)| dt between two empirical CDFs, evaluated at the midpoints of the pooled grid.
private func integratedCDFGap(_ u: [Double], _ v: [Double]) -> Double {
    let grid = Array(Set(u + v)).sorted()
    func cdf(_ values: [Double], _ t: Double) -> Double { Double(values.filter { $0 <= t }.count) / Double(values.count) }
    return zip(grid, grid.dropFirst()).reduce(0.0) { total, gap in
        total + abs(cdf(u, (gap.0 + gap.1) / 2) - cdf(v, (gap.0 + gap.1) / 2)) * (gap.1 - gap.0)
    }
}
