import DriftProfiles
import DriftReport

extension FeatureCheck {
    /// A run's record of one decided feature (see ``DriftPolicy/decide(_:)``): its status, the
    /// tests that ran with the deciding test first (the only one carrying the adjusted
    /// p-value), the effect sizes, the verdict and the production distribution for the report.
    ///
    /// - Parameters:
    ///   - report: The decided feature report.
    ///   - reference: The profile's feature (missing share of the reference).
    ///   - productionMissingRatio: Missing production cells / window rows.
    /// - Complexity: O(1).
    init(_ report: FeatureReport, reference: FeatureProfile, productionMissingRatio: Double) {
        let deciding = report.decidingTest
        let order = [deciding] + DriftTest.allCases.filter { $0 != deciding }
        let tests = order.compactMap { test -> TestResult? in
            guard let pValue = report.pValue(of: test), let statistic = report.statistic(of: test) else { return nil }
            return TestResult(test: test, statistic: statistic, pValue: pValue,
                              pValueAdjusted: test == deciding ? report.pValueAdjusted : nil)
        }
        let wasserstein = report.wasserstein?.value
        let referenceRows = reference.rowCount
        self.init(
            name: report.name, kind: report.kind, status: report.status, reason: report.statusReason,
            referenceCount: report.referenceCount, productionCount: report.productionCount,
            referenceMissingRatio: referenceRows > 0 ? Double(reference.missing.total) / Double(referenceRows) : 0,
            productionMissingRatio: productionMissingRatio,
            tests: tests, psi: report.psi.value?.value, wasserstein: wasserstein?.distance,
            wassersteinNormalized: wasserstein?.normalized, jensenShannon: report.jensenShannon?.value,
            drifted: report.drifted)
        distribution = RecordedDistribution(report)
    }
}
