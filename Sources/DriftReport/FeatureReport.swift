import DriftStatistics
import DriftTables

/// Every test result for one feature, and whether it drifted.
///
/// ```swift
/// let report = try compareTables(reference: reference, production: production)
/// for feature in report.features where feature.drifted {
///     print(feature.name, feature.primaryPValue ?? .nan)
/// }
/// ```
public struct FeatureReport: Sendable {
    /// The feature (column) name.
    public let name: String
    /// Numeric or categorical.
    public let kind: ColumnKind
    /// Non-missing reference values that were tested.
    public let referenceCount: Int
    /// Non-missing production values that were tested.
    public let productionCount: Int
    /// Reference cells left out (empty, NaN, infinite).
    public let referenceMissing: MissingCounts
    /// Production cells left out (empty, NaN, infinite).
    public let productionMissing: MissingCounts

    /// Two-sample Kolmogorov–Smirnov (numeric features).
    public var kolmogorovSmirnov: TestOutcome<KolmogorovSmirnovResult>?
    /// Two-sample Cramér–von Mises (numeric features).
    public var cramerVonMises: TestOutcome<CramerVonMisesResult>?
    /// Wasserstein-1 distance, raw and divided by the reference standard deviation (numeric).
    public var wasserstein: TestOutcome<WassersteinResult>?
    /// Chi-square test of homogeneity over the union of categories (categorical features).
    public var chiSquare: TestOutcome<ChiSquareResult>?
    /// Jensen–Shannon distance, base 2, between category proportions (categorical features).
    public var jensenShannon: TestOutcome<Double>?
    /// Population Stability Index (both kinds).
    public var psi: TestOutcome<PSIResult>
    /// The categories the categorical tests counted, sorted, in the order of ``psi``'s counts
    /// (empty for numeric features): what a report needs to name each count.
    public internal(set) var categories: [String] = []
    /// The test that decides drift (``DriftPolicy/decidingTest(for:kind:)``); the kind's
    /// default until ``DriftPolicy/decide(_:)`` ran.
    public internal(set) var decidingTest: DriftTest
    /// Whether the feature could be tested (see ``DriftPolicy/decide(_:)``).
    public internal(set) var status: FeatureStatus = .tested
    /// Why it was not tested (nil when tested).
    public internal(set) var statusReason: String?
    /// The deciding p-value after the multiple-testing correction, when one is on.
    public internal(set) var pValueAdjusted: Double?
    /// Whether the deciding (adjusted) p-value is below alpha (and the effect-size gate passed).
    public internal(set) var drifted: Bool = false

    /// The deciding test's wire name (`ks`, `cramer_von_mises` or `chi_square`).
    public var primaryTest: String { decidingTest.rawValue }

    /// The deciding test's p-value, if it ran.
    public var primaryPValue: Double? { pValue(of: decidingTest) }

    /// The deciding test's statistic, if it ran.
    public var primaryStatistic: Double? { statistic(of: decidingTest) }

    /// A test's p-value, if it ran on this feature.
    ///
    /// - Complexity: O(1).
    public func pValue(of test: DriftTest) -> Double? {
        switch test {
        case .kolmogorovSmirnov: return kolmogorovSmirnov?.value?.pValue
        case .cramerVonMises: return cramerVonMises?.value?.pValue
        case .chiSquare: return chiSquare?.value?.pValue
        }
    }

    /// A test's statistic, if it ran on this feature.
    ///
    /// - Complexity: O(1).
    public func statistic(of test: DriftTest) -> Double? {
        switch test {
        case .kolmogorovSmirnov: return kolmogorovSmirnov?.value?.statistic
        case .cramerVonMises: return cramerVonMises?.value?.statistic
        case .chiSquare: return chiSquare?.value?.statistic
        }
    }

    /// A feature that was not tested (its column is missing or unreadable, or it has too few
    /// values): no test ran, PSI says why. Made before any test runs, by the comparison and the job.
    package init(
        untested status: FeatureStatus, reason: String, name: String, kind: ColumnKind, referenceCount: Int,
        productionCount: Int, referenceMissing: MissingCounts, productionMissing: MissingCounts
    ) {
        self.init(
            name: name, kind: kind, referenceCount: referenceCount, productionCount: productionCount,
            referenceMissing: referenceMissing, productionMissing: productionMissing, psi: .failed(reason))
        self.status = status
        self.statusReason = reason
    }

    /// A report whose every test failed for the same reason (say, text in a numeric column).
    init(
        failingWith reason: String, name: String, kind: ColumnKind, referenceCount: Int, productionCount: Int,
        referenceMissing: MissingCounts, productionMissing: MissingCounts
    ) {
        self.init(
            name: name, kind: kind, referenceCount: referenceCount, productionCount: productionCount,
            referenceMissing: referenceMissing, productionMissing: productionMissing, psi: .failed(reason))
        switch kind {
        case .numeric:
            kolmogorovSmirnov = .failed(reason)
            cramerVonMises = .failed(reason)
            wasserstein = .failed(reason)
        case .categorical:
            chiSquare = .failed(reason)
            jensenShannon = .failed(reason)
        }
    }

    init(
        name: String, kind: ColumnKind, referenceCount: Int, productionCount: Int,
        referenceMissing: MissingCounts, productionMissing: MissingCounts, psi: TestOutcome<PSIResult>
    ) {
        self.name = name
        self.kind = kind
        self.referenceCount = referenceCount
        self.productionCount = productionCount
        self.referenceMissing = referenceMissing
        self.productionMissing = productionMissing
        self.psi = psi
        self.decidingTest = .default(for: kind)
    }
}
