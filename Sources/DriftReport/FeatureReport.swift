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
    /// The primary p-value after the run's multiple-testing correction, when one is on.
    public internal(set) var pValueAdjusted: Double?
    /// Whether the primary (adjusted) p-value is below alpha.
    public internal(set) var drifted: Bool = false

    /// The primary test's name: `"ks"` for numeric features, `"chi_square"` for categorical ones.
    public var primaryTest: String { kind == .numeric ? "ks" : "chi_square" }

    /// The primary test's p-value (KS for numeric, chi-square for categorical), if it ran.
    public var primaryPValue: Double? {
        switch kind {
        case .numeric: return kolmogorovSmirnov?.value?.pValue
        case .categorical: return chiSquare?.value?.pValue
        }
    }

    /// The primary test's statistic, if it ran.
    public var primaryStatistic: Double? {
        switch kind {
        case .numeric: return kolmogorovSmirnov?.value?.statistic
        case .categorical: return chiSquare?.value?.statistic
        }
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
    }
}
